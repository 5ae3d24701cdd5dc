package io.rulegrid.demo;

import io.rulegrid.client.BulkOptions;
import io.rulegrid.client.BulkResult;
import io.rulegrid.client.Deployment;
import io.rulegrid.client.EvaluationOptions;
import io.rulegrid.client.GridEvaluation;
import io.rulegrid.client.GridStats;
import io.rulegrid.client.Namespace;
import io.rulegrid.client.RuleGridClient;
import io.rulegrid.grid.RetriableGridException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seeds' e-commerce example on a running cluster: products and rules deployed, bulk re-pricing,
 * orders flowing through batches of {@code upsertAndEvaluate} while a member is killed, a hot rule change, and a
 * day of orders through the members' Kafka pipeline ({@link StreamingPhase}).
 */
public final class ClusterDemo {

    /** Orders per {@code upsertAndEvaluate} call, and calls in flight at once, as a stream consumer would send them. */
    private static final int BATCH_SIZE = 250;
    private static final int BATCHES_IN_FLIGHT = 8;
    /**
     * Bulk re-pricings in a row: the first runs on cold JVMs (the rules' code is interpreted until the JIT has
     * compiled it), the others show the speed of a member that has been running.
     */
    private static final int BULK_RUNS = 5;

    /** How often, and how far apart, an order whose call failed in a retriable way is sent again. */
    private static final int RETRIES = 5;
    private static final long RETRY_DELAY_MILLIS = 250;
    /** The demo reports each order's status as the payment rules left it, so it asks for the order back. */
    private static final EvaluationOptions WITH_ORDER = EvaluationOptions.defaults().returnFact(true);

    private final RuleGridClient grid;
    private final Namespace products;
    private final Namespace orders;
    private final PrintWriter out;
    private final StreamingPhase stream;

    /** @param stream the streaming phase, or {@code null} to skip it (no Kafka given) */
    public ClusterDemo(RuleGridClient grid, PrintWriter out, StreamingPhase stream) {
        this.grid = grid;
        this.products = grid.namespace("products");
        this.orders = grid.namespace("orders");
        this.out = out;
        this.stream = stream;
    }

    /**
     * Runs the demo.
     *
     * @param memberToKill pid of a member process to kill mid-run (one this demo's script started), or 0
     */
    public void run(int productCount, int ruleCount, int orderCount, int streamOrderCount, long memberToKill, long seed)
            throws Exception {
        out.printf("cluster: %d members %s%n", grid.hazelcast().getCluster().getMembers().size(),
                grid.hazelcast().getCluster().getMembers());

        Deployment catalog = grid.rulesets().deploy("catalog.grl", ECommerceWorkload.rulesRgl("catalog", ruleCount, seed));
        Deployment payments = grid.rulesets().deploy("payments.grl", ECommerceWorkload.paymentRulesRgl("payments"));
        out.printf("deployed %s (%d pricing/promotion rules) and %s%n", catalog, ruleCount, payments);

        long loadStart = System.nanoTime();
        Map<String, Map<String, Object>> batch = new HashMap<>();
        for (Map<String, Object> product : ECommerceWorkload.products(productCount, seed)) {
            batch.put((String) product.get("sku"), product);
        }
        products.putAll(batch);
        out.printf("loaded %,d products in %d ms%n", productCount, millisSince(loadStart));

        long coldMillis = bulkRepricing(ruleCount, productCount, "first run, cold JVMs");
        List<Long> warmMillis = new ArrayList<>();
        for (int run = 2; run <= BULK_RUNS; run++) {
            warmMillis.add(bulkRepricing(ruleCount, productCount, "run " + run));
        }
        out.printf("bulk re-pricing: cold %d ms; warm runs %s ms, best %d ms%n", coldMillis, warmMillis,
                Collections.min(warmMillis));
        BulkResult books = products.evaluateAll("catalog", BulkOptions.allFacts().where("category = 'cat-7' AND price > 50"));
        out.printf("targeted re-pricing (--where \"category = 'cat-7' AND price > 50\"): evaluated %d%n", books.evaluated());

        orders(orderCount, memberToKill, seed);
        hotRuleChange();
        if (stream != null) {
            stream.run(streamOrderCount, productCount, seed);
        } else {
            out.println("streaming: skipped (no Kafka given: --brokers HOST:PORT or KAFKA_BROKERS; or --stream-orders 0)");
        }

        GridStats stats = grid.stats();
        Map<String, Long> firings = new HashMap<>();
        stats.rulesets().forEach((ruleset, s) -> s.rules().forEach((rule, counts) -> firings.put(ruleset + "/" + rule,
                counts.firings())));
        out.println("top rules by firings (cluster-wide, surviving members):");
        Reports.top(firings, 10).forEach(e -> out.printf("  %-28s %8d%n", e.getKey(), e.getValue()));
    }

    /** One bulk re-pricing of every product, with its report; returns its wall time. */
    private long bulkRepricing(int ruleCount, int productCount, String run) {
        long bulkStart = System.nanoTime();
        BulkResult repricing = products.evaluateAll("catalog", BulkOptions.allFacts());
        long millis = millisSince(bulkStart);
        out.printf("bulk re-pricing (evaluateAll, %d rules x %,d products, %s): %s in %d ms%n", ruleCount,
                productCount, run, repricing, millis);
        repricing.errorSamples().forEach(error -> out.println("  error: " + error));
        if (!repricing.retriableKeys().isEmpty()) {
            // their outcome is unknown (a member left mid-run); evaluating them again ends in the same state
            long recovered = products.evaluate(repricing.retriableKeys(), "catalog", EvaluationOptions.defaults())
                    .stream().filter(GridEvaluation::succeeded).count();
            out.printf("  re-evaluated %d facts whose outcome was unknown: %d succeeded%n",
                    repricing.retriableKeys().size(), recovered);
        }
        return millis;
    }

    private void orders(int orderCount, long memberToKill, long seed) throws Exception {
        Random random = new Random(seed + 1);
        Semaphore window = new Semaphore(BATCHES_IN_FLIGHT);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong retried = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<String, Long> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Map<String, Map<String, Object>> batch = new LinkedHashMap<>();
        for (int i = 0; i < orderCount; i++) {
            if (memberToKill > 0 && i == orderCount / 3) {
                killMember(memberToKill);
            }
            Map<String, Object> order = ECommerceWorkload.order(i, 10_000, random);
            batch.put((String) order.get("id"), order);
            if (batch.size() == BATCH_SIZE || i == orderCount - 1) {
                window.acquire();
                submitOrders(batch, RETRIES, window, acknowledged, retried, failed, statuses);
                batch = new LinkedHashMap<>();
            }
        }
        window.acquire(BATCHES_IN_FLIGHT);
        window.release(BATCHES_IN_FLIGHT);
        long millis = millisSince(start);
        out.printf("orders: %,d through upsertAndEvaluate, %d per call, in %d ms (%,.0f orders/s); %d orders sent again"
                        + " after the member loss, %d orders failed; statuses %s%n", orderCount, BATCH_SIZE, millis,
                orderCount * 1000.0 / Math.max(1, millis), retried.get(), failed.get(), statuses);
        long present = acknowledged.stream().filter(key -> orders.get(key).isPresent()).count();
        out.printf("after the member loss: %,d of %,d acknowledged orders present in the grid%s%n", present,
                acknowledged.size(), present == acknowledged.size() ? " - nothing lost" : " - LOST ORDERS");
    }

    /**
     * Upserts and evaluates a batch of orders, one operation per partition on its owner; the orders whose call
     * failed in a retriable way (it was in flight to the killed member, or its backup could not be confirmed) are
     * sent again a little later, and only those, as an application would: an upsert-and-evaluate of the same
     * order ends in the same state. A failed evaluation (a rule or a fact is wrong) is not retried: it would fail
     * again.
     */
    private void submitOrders(Map<String, Map<String, Object>> batch, int retriesLeft, Semaphore window,
                              Set<String> acknowledged, AtomicLong retried, AtomicLong failed,
                              Map<String, Long> statuses) {
        orders.upsertAndEvaluateAsync(batch, "payments", WITH_ORDER).whenComplete((evaluations, error) -> {
            if (error != null) {
                // the batch was not sent (the client is shutting down): nothing of it is acknowledged
                failed.addAndGet(batch.size());
                window.release();
                return;
            }
            Map<String, Map<String, Object>> again = new LinkedHashMap<>();
            for (GridEvaluation evaluation : evaluations) {
                if (evaluation.succeeded()) {
                    acknowledged.add(evaluation.key());
                    statuses.merge((String) evaluation.resultOrThrow().fact().get("status"), 1L, Long::sum);
                } else if (retriesLeft > 0 && evaluation.error() instanceof RetriableGridException) {
                    again.put(evaluation.key(), batch.get(evaluation.key()));
                } else {
                    failed.incrementAndGet();
                }
            }
            if (again.isEmpty()) {
                window.release();
            } else {
                retried.addAndGet(again.size());
                CompletableFuture.delayedExecutor(RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS).execute(() ->
                        submitOrders(again, retriesLeft - 1, window, acknowledged, retried, failed, statuses));
            }
        });
    }

    private void killMember(long pid) {
        ProcessHandle.of(pid).ifPresentOrElse(member -> {
            member.destroyForcibly();
            out.printf("killed member process %d mid-run (no graceful shutdown)%n", pid);
        }, () -> out.printf("member process %d is not running; nothing to kill%n", pid));
    }

    private void hotRuleChange() {
        String key = "hot-change-order";
        Map<String, Object> order = new HashMap<>(Map.of("id", key, "paymentMethod", "CARD", "total", 750.0,
                "country", "US", "status", "NEW"));
        String before = (String) orders.upsertAndEvaluate(key, order, "payments", WITH_ORDER)
                .resultOrThrow().fact().get("status");
        String stricter = ECommerceWorkload.paymentRulesRgl("payments").replace("total > 1000", "total > 500");
        Deployment v2 = grid.rulesets().deploy("payments.grl", stricter);
        GridEvaluation after = orders.upsertAndEvaluate(key, order, "payments", WITH_ORDER);
        out.printf("hot rule change: card orders over 500 now reviewed; %s deployed with no restart;"
                        + " a 750 card order was %s, is now %s (ran %s v%d on %s)%n", v2, before,
                after.resultOrThrow().fact().get("status"), after.ruleset(), after.version(), after.member());
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
