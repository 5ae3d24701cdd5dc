package io.rulegrid.perf;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.rulegrid.client.BulkOptions;
import io.rulegrid.client.Namespace;
import io.rulegrid.client.RuleGridClient;
import io.rulegrid.demo.ECommerceWorkload;
import io.rulegrid.node.RuleGridNode;
import io.rulegrid.testkit.LocalCluster;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * {@code scripts/bench.sh facts}: what the size of a fact does to (a) co-located evaluation, whose reply leaves
 * the fact out, against (b) get, evaluate on the client, compare-and-set put. Three sizes: the demo's product
 * (~170 bytes of JSON, the 1,000-rule catalog), a customer with 30 orders (~4 KB) and one with 250 (~32 KB), both with
 * {@link CustomerWorkload}'s rules over the orders. Each in two variants: the rules leave the fact as it is
 * (settled facts, the common case), and a stamp rule changes it on every evaluation. Reports throughput, p50/p99
 * latency and the bytes all members and the client wrote to the network per evaluation, measured with
 * Hazelcast's own counters ({@link NetworkBytes}), with ratios side by side. 3 members and the client in one JVM,
 * so all of it crosses loopback; {@code --tbf RATE} runs the JVM on a loopback limited to that rate.
 */
final class FactSizeBench {

    private static final int THREADS = 8;
    private static final int PRODUCTS = 10_000;
    private static final long IDLE_MILLIS = 2_000;
    private static final long QUIET_BYTES_PER_SECOND = 64 * 1024;
    private static final long QUIET_CHECK_MILLIS = 500;
    private static final long QUIESCE_MILLIS = 60_000;
    /** Added to the catalog: every evaluation changes the product. */
    private static final String STAMP = "rule \"stamp\" salience -100 no-loop { when true then pricedAt = now }\n";
    /** Targets of the co-located path over get-evaluate-put, by fact size. */
    private static final Map<String, Double> TARGETS = Map.of("customer4k", 3.0, "customer32k", 5.0);

    private FactSizeBench() {
    }

    /**
     * One fact size: its facts, and the rules (by ruleset name) that leave them settled or change them every
     * time.
     */
    private record FactSize(String name, String label, int count, IntFunction<String> key,
                            Map<String, Map<String, Object>> facts, UnaryOperator<String> settledRgl,
                            UnaryOperator<String> writingRgl) {
    }

    /** (a) and (b) over one size and variant, with what each sent over the network. */
    private record Pair(Map<String, Object> colocated, Map<String, Object> getEvaluatePut) {

        double throughputRatio() {
            return (double) colocated.get("throughput") / (double) getEvaluatePut.get("throughput");
        }

        double bytesRatio() {
            return (double) getEvaluatePut.get("bytesPerEval") / (double) colocated.get("bytesPerEval");
        }
    }

    static Map<String, Object> run(PrintStream out, int seconds, String network) throws Exception {
        long now = System.currentTimeMillis();
        List<FactSize> sizes = List.of(
                new FactSize("product", "product, 1,000 rules", PRODUCTS, i -> ECommerceWorkload.sku(i % PRODUCTS),
                        products(), FactSizeBench::catalogRgl, name -> catalogRgl(name) + STAMP),
                new FactSize("customer4k", "customer, 30 orders", 2_000, i -> CustomerWorkload.key(i % 2_000),
                        CustomerWorkload.customers(2_000, 30, now), CustomerWorkload::rgl,
                        CustomerWorkload::stampedRgl),
                new FactSize("customer32k", "customer, 250 orders", 500, i -> CustomerWorkload.key(i % 500),
                        CustomerWorkload.customers(500, 250, now), CustomerWorkload::rgl,
                        CustomerWorkload::stampedRgl));
        int warmup = Math.max(2, seconds / 2);
        out.printf("starting 3 members and a client (%s); %d client threads, %d s per phase after %d s warm-ups%n",
                network, THREADS, seconds, warmup);
        NetworkBytes.countFromNowOn();
        try (LocalCluster cluster = LocalCluster.start(3);
             RuleGridClient grid = RuleGridClient.builder().clusterName(cluster.clusterName())
                     .members(cluster.addresses().toArray(String[]::new)).connect()) {
            NetworkBytes bytes = NetworkBytes.of(Stream.concat(cluster.members().stream().map(RuleGridNode::hazelcast),
                    Stream.of(grid.hazelcast())).toList());
            Map<String, Object> measured = new LinkedHashMap<>();
            List<String> lines = new ArrayList<>();
            for (FactSize size : sizes) {
                measured.put(size.name(), measure(grid, bytes, size, seconds, warmup, lines));
            }
            out.println();
            out.printf("%-22s %-9s %-22s %10s %8s %8s %11s %8s%n", "fact", "bytes", "path", "evals/s", "p50 us",
                    "p99 us", "bytes/eval", "changed");
            lines.forEach(out::println);
            out.println();
            Map<String, Object> targets = new LinkedHashMap<>();
            for (FactSize size : sizes) {
                @SuppressWarnings("unchecked")
                Map<String, Object> result = (Map<String, Object>) measured.get(size.name());
                Pair settled = (Pair) result.remove("settledPair");
                Pair writing = (Pair) result.remove("writingPair");
                out.printf("%-22s (a) over (b): throughput %.2fx settled, %.2fx every fact changes;"
                                + " bytes/eval (b) over (a): %.1fx settled, %.1fx every fact changes%n", size.label(),
                        settled.throughputRatio(), writing.throughputRatio(), settled.bytesRatio(),
                        writing.bytesRatio());
                Map<String, Object> ratios = new LinkedHashMap<>();
                ratios.put("throughputSettled", settled.throughputRatio());
                ratios.put("throughputEveryFactChanges", writing.throughputRatio());
                ratios.put("bytesSettled", settled.bytesRatio());
                ratios.put("bytesEveryFactChanges", writing.bytesRatio());
                result.put("colocatedOverGetEvaluatePut", ratios);
                Double target = TARGETS.get(size.name());
                if (target != null) {
                    out.printf("target: %s, (a) >= %.0fx (b) throughput: %.2fx settled %s, %.2fx writing %s;"
                                    + " bytes: %.1fx settled %s, %.1fx writing %s%n", size.label(), target,
                            settled.throughputRatio(), verdict(settled.throughputRatio(), target),
                            writing.throughputRatio(), verdict(writing.throughputRatio(), target),
                            settled.bytesRatio(), verdict(settled.bytesRatio(), target),
                            writing.bytesRatio(), verdict(writing.bytesRatio(), target));
                    targets.put(size.name(), Map.of("ratioTarget", target,
                            "throughputSettled", verdict(settled.throughputRatio(), target),
                            "throughputEveryFactChanges", verdict(writing.throughputRatio(), target),
                            "bytesSettled", verdict(settled.bytesRatio(), target),
                            "bytesEveryFactChanges", verdict(writing.bytesRatio(), target)));
                }
            }
            Map<String, Object> report = BenchMain.header("facts", "3 members + 1 client in one JVM over " + network
                    + ", " + THREADS + " client threads, " + seconds + " s per phase after " + warmup
                    + " s warm-ups of each path; bytes are what all members and the client wrote to their sockets"
                    + " (Hazelcast's tcp.connection.out bytesWritten) from the start of a phase until the cluster is"
                    + " quiet again after it, per evaluation");
            report.put("network", network);
            report.putAll(measured);
            report.put("targets", targets);
            return report;
        }
    }

    private static Map<String, Object> measure(RuleGridClient grid, NetworkBytes bytes, FactSize size, int seconds,
                                               int warmup, List<String> lines) throws Exception {
        String settledName = size.name() + "Settled";
        String writingName = size.name() + "Writing";
        String settledRgl = size.settledRgl().apply(settledName);
        String writingRgl = size.writingRgl().apply(writingName);
        grid.rulesets().deploy(settledName + ".grl", settledRgl);
        grid.rulesets().deploy(writingName + ".grl", writingRgl);
        Namespace facts = grid.namespace(size.name());
        putInBatches(facts, size.facts());
        // one pass brings every fact to what the rules compute, so that the settled phases change nothing
        facts.evaluateAll(settledName, BulkOptions.allFacts());
        IMap<String, HazelcastJsonValue> map = grid.hazelcast().getMap(size.name());
        long factBytes = meanJsonLength(map, size);

        TimedPhase.Call a = EvaluationPaths.colocated(facts, size.key(), settledName);
        TimedPhase.Call b = EvaluationPaths.getEvaluatePut(map, size.key(), Workloads.compile(settledRgl));
        TimedPhase.Call aw = EvaluationPaths.colocated(facts, size.key(), writingName);
        TimedPhase.Call bw = EvaluationPaths.getEvaluatePut(map, size.key(), Workloads.compile(writingRgl));
        TimedPhase.run(aw, THREADS, warmup, size.count());
        TimedPhase.run(bw, THREADS, warmup, size.count());
        // what the cluster sends while nobody calls (heartbeats, metrics), to tell it apart from the evaluations'
        quiesce(bytes);
        long idleStart = bytes.sent();
        Thread.sleep(IDLE_MILLIS);
        double idleBytesPerSecond = (bytes.sent() - idleStart) * 1000.0 / IDLE_MILLIS;
        Pair settled = new Pair(phase(a, bytes, seconds, size.count()), phase(b, bytes, seconds, size.count()));
        Pair writing = new Pair(phase(aw, bytes, seconds, size.count()), phase(bw, bytes, seconds, size.count()));

        lines.add(line(size.label(), factBytes, "(a) co-located, settled", settled.colocated()));
        lines.add(line("", factBytes, "(b) get-eval-CAS, settled", settled.getEvaluatePut()));
        lines.add(line("", factBytes, "(a) co-located, writes", writing.colocated()));
        lines.add(line("", factBytes, "(b) get-eval-CAS, writes", writing.getEvaluatePut()));
        lines.add(String.format("%-22s %-9s %-22s %s", "", "", "idle, no calls", String.format("%,.0f bytes/s",
                idleBytesPerSecond)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("facts", size.count());
        result.put("meanFactBytes", factBytes);
        result.put("idleBytesPerSecond", idleBytesPerSecond);
        result.put("colocatedSettled", settled.colocated());
        result.put("getEvaluatePutSettled", settled.getEvaluatePut());
        result.put("colocatedEveryFactChanges", writing.colocated());
        result.put("getEvaluatePutEveryFactChanges", writing.getEvaluatePut());
        result.put("settledPair", settled);
        result.put("writingPair", writing);
        return result;
    }

    private static Map<String, Object> phase(TimedPhase.Call call, NetworkBytes bytes, int seconds, int facts)
            throws Exception {
        quiesce(bytes);
        long before = bytes.sent();
        Map<String, Object> result = TimedPhase.run(call, THREADS, seconds, facts);
        long atEnd = bytes.sent();
        // the cluster goes on sending for seconds after a phase of writes; it is the phase's traffic all the same
        quiesce(bytes);
        long sent = bytes.sent() - before;
        result.put("bytesSent", sent);
        result.put("bytesSentAfterThePhase", sent - (atEnd - before));
        result.put("bytesPerEval", sent / (double) (int) result.get("calls"));
        return result;
    }

    /**
     * Waits until the cluster sends less than {@link #QUIET_BYTES_PER_SECOND} (heartbeats and metrics send a few
     * kilobytes a second), at most {@link #QUIESCE_MILLIS}.
     */
    private static void quiesce(NetworkBytes bytes) throws InterruptedException {
        long deadline = System.nanoTime() + QUIESCE_MILLIS * 1_000_000;
        long last = bytes.sent();
        while (System.nanoTime() < deadline) {
            Thread.sleep(QUIET_CHECK_MILLIS);
            long now = bytes.sent();
            if ((now - last) * 1000 / QUIET_CHECK_MILLIS < QUIET_BYTES_PER_SECOND) {
                return;
            }
            last = now;
        }
    }

    private static void putInBatches(Namespace facts, Map<String, Map<String, Object>> all) {
        Map<String, Map<String, Object>> batch = new HashMap<>();
        for (Map.Entry<String, Map<String, Object>> fact : all.entrySet()) {
            batch.put(fact.getKey(), fact.getValue());
            if (batch.size() == 200) {
                facts.putAll(batch);
                batch.clear();
            }
        }
        facts.putAll(batch);
    }

    /** The mean length of the stored JSON, settled, over up to 200 facts. */
    private static long meanJsonLength(IMap<String, HazelcastJsonValue> map, FactSize size) {
        long total = 0;
        int n = Math.min(200, size.count());
        for (int i = 0; i < n; i++) {
            total += map.get(size.key().apply(i)).getValue().length();
        }
        return total / n;
    }

    private static String line(String fact, long factBytes, String path, Map<String, Object> r) {
        return String.format("%-22s %-9s %-22s %10.0f %8.0f %8.0f %11.0f %7.1f%%", fact,
                fact.isEmpty() ? "" : factBytes, path, r.get("throughput"), r.get("p50Micros"), r.get("p99Micros"),
                r.get("bytesPerEval"), 100 * (double) r.get("changedShare"));
    }

    private static String verdict(double ratio, double target) {
        return ratio >= target ? "PASS" : "MISS";
    }

    private static String catalogRgl(String name) {
        return ECommerceWorkload.rulesRgl(name, 1_000, Workloads.SEED);
    }

    private static Map<String, Map<String, Object>> products() {
        Map<String, Map<String, Object>> products = new LinkedHashMap<>();
        for (Map<String, Object> product : Workloads.products(PRODUCTS)) {
            products.put((String) product.get("sku"), product);
        }
        return products;
    }
}
