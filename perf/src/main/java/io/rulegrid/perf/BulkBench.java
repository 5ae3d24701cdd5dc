package io.rulegrid.perf;

import io.rulegrid.client.BulkOptions;
import io.rulegrid.client.BulkResult;
import io.rulegrid.client.Namespace;
import io.rulegrid.client.RuleGridClient;
import io.rulegrid.testkit.LocalCluster;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/bench.sh bulk}: how RuleGrid scales, in two measurements of the catalog work ({@link GridCatalog}).
 * (1) One member against three, in this JVM, one cluster after the other: co-located {@code evaluate} throughput
 * from {@value #THREADS} client threads and {@code evaluateAll} wall time over 10,000 products. The three members
 * share the cores the one member had to itself, so on one machine the ratio shows what splitting the work costs
 * (backups, calls between members) or gains (each member has a partition thread per core), not what members on
 * machines of their own would add. (2) {@code evaluateAll} over 100,000 and 1,000,000 products in one member:
 * whether its time grows linearly with the facts, and the heap a million facts take. A wall-clock benchmark, never
 * a test: its numbers vary with the machine's load.
 */
final class BulkBench {

    static final List<Integer> SIZES = List.of(100_000, 1_000_000);
    private static final int THREADS = 8;
    private static final int MEMBER_BULK_WARMUPS = 3;
    private static final int MEMBER_BULK_RUNS = 5;
    private static final int SCALE_BULK_RUNS = 3;
    /** Facts per {@code putAll}: large enough to load a million facts in seconds, small enough to stay a batch. */
    private static final int PER_PUT = 5_000;
    private static final double THROUGHPUT_TARGET = 0.75;
    /** Linear: the time per fact at the largest size within this factor of the time per fact at the smallest. */
    private static final double LINEAR_TOLERANCE = 1.5;
    private static final long GC_PAUSE_MILLIS = 200;
    private static final double MB = 1024 * 1024;

    private BulkBench() {
    }

    /** One {@code evaluateAll}, timed. */
    private record BulkRun(long millis, BulkResult result) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("millis", millis);
            json.put("evaluated", result.evaluated());
            json.put("modified", result.modified());
            json.put("errors", result.errors());
            json.put("errorSamples", result.errorSamples());
            return json;
        }

        /** The summary, with the first error if there was one: a benchmark reports failures, it does not stop. */
        String describe() {
            return String.format(Locale.ROOT, "%,d ms (%s%s)", millis, result, result.errorSamples().isEmpty() ? ""
                    : "; first error: " + result.errorSamples().get(0));
        }
    }

    /** A cluster of some members: its co-located throughput phase and its measured {@code evaluateAll} runs. */
    private record MembersRun(int members, Map<String, Object> evaluate, List<BulkRun> warmups, List<BulkRun> runs) {

        double throughput() {
            return (double) evaluate.get("throughput");
        }

        double bulkMedian() {
            return median(runs);
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("members", members);
            json.put("colocatedEvaluate", evaluate);
            json.put("evaluateAllMillis", runs.stream().map(BulkRun::millis).toList());
            json.put("evaluateAllMedianMillis", bulkMedian());
            json.put("evaluateAllWarmups", warmups.stream().map(BulkRun::json).toList());
            json.put("evaluateAllRuns", runs.stream().map(BulkRun::json).toList());
            return json;
        }
    }

    /** One member holding {@code facts} products: what storing them took and cost in heap, and its bulk runs. */
    private record ScaleRun(int facts, long storeMillis, long heapBefore, long heapAfter, BulkRun warmup,
                            List<BulkRun> runs) {

        double median() {
            return BulkBench.median(runs);
        }

        double millisPer100k() {
            return median() * 100_000 / facts;
        }

        double heapMegabytesPerMillion() {
            return (heapAfter - heapBefore) * 1_000_000.0 / facts / MB;
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("facts", facts);
            json.put("storeMillis", storeMillis);
            json.put("heapUsedBeforeBytes", heapBefore);
            json.put("heapUsedAfterBytes", heapAfter);
            json.put("heapBytesPerFact", (heapAfter - heapBefore) / (double) facts);
            json.put("heapMegabytesPerMillionFacts", heapMegabytesPerMillion());
            json.put("evaluateAllWarmup", warmup.json());
            json.put("evaluateAllMillis", runs.stream().map(BulkRun::millis).toList());
            json.put("evaluateAllMedianMillis", median());
            json.put("millisPer100kFacts", millisPer100k());
            json.put("evaluateAllRuns", runs.stream().map(BulkRun::json).toList());
            return json;
        }
    }

    static Map<String, Object> run(PrintStream out, int seconds, List<Integer> sizes) throws Exception {
        long start = System.nanoTime();
        out.printf("bulk: %,d rules; (1) 1 vs 3 members over %,d products, %d client threads, %d s per phase after"
                        + " a warm-up phase; (2) evaluateAll in 1 member over %s products; max heap %,.0f MB%n",
                GridCatalog.RULES, GridCatalog.PRODUCTS, THREADS, seconds, sizes,
                Runtime.getRuntime().maxMemory() / MB);
        MembersRun one = members(out, 1, seconds);
        MembersRun three = members(out, 3, seconds);
        List<ScaleRun> scale = new ArrayList<>();
        for (int facts : sizes) {
            if (!scale.isEmpty()) {
                projection(out, scale.get(scale.size() - 1), facts);
            }
            scale.add(scale(out, facts));
        }

        double throughputRatio = three.throughput() / one.throughput();
        double bulkRatio = three.bulkMedian() / one.bulkMedian();
        out.println();
        out.printf("(1) 1 vs 3 members in one JVM, %,d rules x %,d products%n", GridCatalog.RULES,
                GridCatalog.PRODUCTS);
        out.printf("%-26s %10s %9s %9s   %-36s %s%n", "", "evals/s", "p50 us", "p99 us", "evaluateAll ms", "median");
        for (MembersRun run : List.of(one, three)) {
            out.printf(Locale.ROOT, "%-26s %10.0f %9.0f %9.0f   %-36s %.0f%n",
                    run.members() + (run.members() == 1 ? " member" : " members"), run.throughput(),
                    run.evaluate().get("p50Micros"), run.evaluate().get("p99Micros"),
                    run.runs().stream().map(BulkRun::millis).toList(), run.bulkMedian());
        }
        out.printf(Locale.ROOT, "%-26s %9.2fx %19s   %-36s %.2fx%n", "3 members / 1 member", throughputRatio, "", "",
                bulkRatio);

        out.println();
        out.printf("(2) evaluateAll in 1 member, %,d rules%n", GridCatalog.RULES);
        out.printf("%-10s %9s %14s %-28s %8s %12s%n", "facts", "store s", "heap MB/M", "evaluateAll ms", "median",
                "ms per 100k");
        for (ScaleRun run : scale) {
            out.printf(Locale.ROOT, "%,-10d %9.1f %14.0f %-28s %8.0f %12.0f%n", run.facts(), run.storeMillis() / 1e3,
                    run.heapMegabytesPerMillion(), run.runs().stream().map(BulkRun::millis).toList(), run.median(),
                    run.millisPer100k());
        }
        out.println("  heap MB/M: used heap after full collections, after storing minus before, per million facts"
                + " (MB = 2^20 bytes)");

        out.println();
        out.printf(Locale.ROOT, "target: 3 members >= %.2fx 1 member co-located throughput: %.2fx %s%n",
                THROUGHPUT_TARGET, throughputRatio, verdict(throughputRatio >= THROUGHPUT_TARGET));
        out.printf(Locale.ROOT, "info:   evaluateAll time, 3 members / 1 member: %.2fx%n", bulkRatio);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("threeOverOneMemberThroughput", throughputRatio);
        targets.put("threeOverOneMemberThroughputTarget", THROUGHPUT_TARGET);
        targets.put("threeOverOneMemberThroughputVerdict", verdict(throughputRatio >= THROUGHPUT_TARGET));
        targets.put("threeOverOneMemberEvaluateAllTime", bulkRatio);
        if (scale.size() > 1) {
            ScaleRun small = scale.get(0);
            ScaleRun large = scale.get(scale.size() - 1);
            double timeRatio = large.median() / small.median();
            double perFactRatio = large.millisPer100k() / small.millisPer100k();
            boolean linear = perFactRatio <= LINEAR_TOLERANCE;
            out.printf(Locale.ROOT, "target: evaluateAll linear in the facts, ms per 100k at %,d within %.1fx of"
                            + " %,d: %.2fx (time %,d / %,d facts: %.1fx, linear %.0fx) %s%n", large.facts(),
                    LINEAR_TOLERANCE, small.facts(), perFactRatio, large.facts(), small.facts(), timeRatio,
                    large.facts() / (double) small.facts(), verdict(linear));
            targets.put("largeOverSmallTime", timeRatio);
            targets.put("largeOverSmallMillisPer100k", perFactRatio);
            targets.put("linearTolerance", LINEAR_TOLERANCE);
            targets.put("linearVerdict", verdict(linear));
        }
        long totalSeconds = (System.nanoTime() - start) / 1_000_000_000;
        out.printf("suite took %d s%n", totalSeconds);

        Map<String, Object> report = BenchMain.header("bulk", String.format(Locale.ROOT, "in one JVM with a max heap"
                        + " of %.0f MB; (1) 1 member then 3 members, each with 1 client: %d client threads, %d s of"
                        + " co-located evaluate after a %d s warm-up, then evaluateAll %d warm-ups and %d measured"
                        + " runs; (2) 1 member per size, products stored %,d per putAll, used heap after full"
                        + " collections before and after storing, evaluateAll 1 warm-up and %d measured runs",
                Runtime.getRuntime().maxMemory() / MB, THREADS, seconds, seconds, MEMBER_BULK_WARMUPS,
                MEMBER_BULK_RUNS, PER_PUT, SCALE_BULK_RUNS));
        report.put("rules", GridCatalog.RULES);
        report.put("products", GridCatalog.PRODUCTS);
        report.put("oneMember", one.json());
        report.put("threeMembers", three.json());
        report.put("scale", scale.stream().map(ScaleRun::json).toList());
        report.put("targets", targets);
        report.put("suiteSeconds", totalSeconds);
        return report;
    }

    private static MembersRun members(PrintStream out, int members, int seconds) throws Exception {
        out.printf("starting %d member%s and a client...%n", members, members == 1 ? "" : "s");
        try (LocalCluster cluster = LocalCluster.start(members); RuleGridClient grid = connect(cluster)) {
            GridCatalog.deploy(grid);
            Namespace facts = grid.namespace(GridCatalog.NAMESPACE);
            GridCatalog.store(facts, GridCatalog.PRODUCTS, PER_PUT);
            TimedPhase.Call evaluate = EvaluationPaths.colocated(facts, GridCatalog::sku, GridCatalog.RULESET);
            // also the pass that settles the facts (repricing, clearance): both clusters measure settled facts
            TimedPhase.run(evaluate, THREADS, seconds, GridCatalog.PRODUCTS);
            Map<String, Object> measured = TimedPhase.run(evaluate, THREADS, seconds, GridCatalog.PRODUCTS);
            List<BulkRun> warmups = bulkRuns(facts, MEMBER_BULK_WARMUPS);
            List<BulkRun> runs = bulkRuns(facts, MEMBER_BULK_RUNS);
            out.printf(Locale.ROOT, "  %d member%s: %.0f evals/s; evaluateAll warm-ups %s ms, runs %s ms%n", members,
                    members == 1 ? "" : "s", measured.get("throughput"),
                    warmups.stream().map(BulkRun::millis).toList(), runs.stream().map(BulkRun::millis).toList());
            return new MembersRun(members, measured, warmups, runs);
        }
    }

    private static ScaleRun scale(PrintStream out, int count) throws Exception {
        out.printf("starting 1 member for %,d products...%n", count);
        try (LocalCluster cluster = LocalCluster.start(1); RuleGridClient grid = connect(cluster)) {
            GridCatalog.deploy(grid);
            Namespace facts = grid.namespace(GridCatalog.NAMESPACE);
            long before = RetainedHeap.usedAfterCollection(GC_PAUSE_MILLIS);
            long start = System.nanoTime();
            GridCatalog.store(facts, count, PER_PUT);
            long storeMillis = (System.nanoTime() - start) / 1_000_000;
            long after = RetainedHeap.usedAfterCollection(GC_PAUSE_MILLIS);
            int stored = facts.size();
            out.printf(Locale.ROOT, "  generated and stored %,d products in %.1f s (%,d in the namespace);"
                            + " heap used %,.0f MB before, %,.0f MB after%n", count, storeMillis / 1e3, stored,
                    before / MB, after / MB);
            BulkRun warmup = evaluateAll(facts);
            out.printf("  evaluateAll warm-up: %s%n", warmup.describe());
            List<BulkRun> runs = new ArrayList<>();
            for (int i = 1; i <= SCALE_BULK_RUNS; i++) {
                BulkRun run = evaluateAll(facts);
                out.printf("  evaluateAll run %d: %s%n", i, run.describe());
                runs.add(run);
            }
            return new ScaleRun(count, storeMillis, before, after, warmup, runs);
        }
    }

    /** What the next size would take if time grew linearly with the facts: said before it starts, not after. */
    private static void projection(PrintStream out, ScaleRun previous, int facts) {
        double factor = facts / (double) previous.facts();
        double storeSeconds = previous.storeMillis() * factor / 1e3;
        // the warm-up is the pass that writes most facts, dearer than the settled runs after it
        double warmupSeconds = previous.warmup().millis() * factor / 1e3;
        double bulkSeconds = previous.median() * factor / 1e3;
        out.printf(Locale.ROOT, "  at linear scaling %,d products take about %.0f s to store, %.0f s for the"
                        + " evaluateAll warm-up and %.0f s per measured evaluateAll, %.0f s in all%n", facts,
                storeSeconds, warmupSeconds, bulkSeconds, storeSeconds + warmupSeconds + bulkSeconds * SCALE_BULK_RUNS);
    }

    private static List<BulkRun> bulkRuns(Namespace facts, int count) {
        List<BulkRun> runs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            runs.add(evaluateAll(facts));
        }
        return runs;
    }

    private static BulkRun evaluateAll(Namespace facts) {
        long start = System.nanoTime();
        BulkResult result = facts.evaluateAll(GridCatalog.RULESET, BulkOptions.allFacts());
        return new BulkRun((System.nanoTime() - start) / 1_000_000, result);
    }

    private static RuleGridClient connect(LocalCluster cluster) {
        return RuleGridClient.builder().clusterName(cluster.clusterName())
                .members(cluster.addresses().toArray(String[]::new)).connect();
    }

    private static double median(List<BulkRun> runs) {
        long[] millis = runs.stream().mapToLong(BulkRun::millis).sorted().toArray();
        int middle = millis.length / 2;
        return millis.length % 2 == 1 ? millis[middle] : (millis[middle - 1] + millis[middle]) / 2.0;
    }

    private static String verdict(boolean met) {
        return met ? "PASS" : "MISS";
    }
}
