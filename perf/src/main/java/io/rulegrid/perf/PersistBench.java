package io.rulegrid.perf;

import com.hazelcast.core.HazelcastJsonValue;
import io.rulegrid.client.EvaluationOptions;
import io.rulegrid.client.Namespace;
import io.rulegrid.client.RuleGridClient;
import io.rulegrid.devservices.PostgresDatabase;
import io.rulegrid.devservices.PostgresService;
import io.rulegrid.node.RuleGridNode;
import io.rulegrid.node.config.PostgresConfig;
import io.rulegrid.testkit.LocalCluster;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code scripts/bench.sh persist}: fact updates with rule evaluation ({@code upsertAndEvaluate}) on a namespace
 * persisted to PostgreSQL (write-behind) against an in-memory one, same load, same cluster, same run: 3 members
 * and a client in this JVM, an embedded PostgreSQL on the same machine. Reports the updates/s of each and their
 * ratio, the write-behind drain rate into PostgreSQL (rows/s, from the tables' write counts) and the queue left
 * at the end of the load and how long it took to drain. A wall-clock benchmark, never a test.
 */
final class PersistBench {

    private static final int RULES = 100;
    private static final int PRODUCTS = 10_000;
    private static final int IN_FLIGHT = 64;
    private static final int WRITE_DELAY_SECONDS = 1;
    private static final int WRITE_BATCH_SIZE = 1_000;
    private static final String PERSISTENT = "stock";
    private static final String IN_MEMORY = "scratch";
    /** The table of the persistent namespace: {@code facts_} and the namespace. */
    private static final String TABLE = "facts_" + PERSISTENT;

    private PersistBench() {
    }

    static Map<String, Object> run(PrintStream out, int seconds) throws Exception {
        out.printf("starting PostgreSQL, 3 members and a client; %d rules, %,d products, %d updates in flight,"
                + " %d s per phase, write-behind delay %d s, batches of up to %,d%n", RULES, PRODUCTS, IN_FLIGHT,
                seconds, WRITE_DELAY_SECONDS, WRITE_BATCH_SIZE);
        Path dir = Files.createTempDirectory("rulegrid-persist-bench");
        Path yaml = dir.resolve("rulegrid.yaml");
        Files.writeString(yaml, """
                namespaces:
                  %s:
                    persistent: true
                    write-delay-seconds: %d
                    write-batch-size: %d
                  %s: {}
                """.formatted(PERSISTENT, WRITE_DELAY_SECONDS, WRITE_BATCH_SIZE, IN_MEMORY));
        try (PostgresService postgres = PostgresService.start()) {
            PostgresDatabase database = postgres.createDatabase("persist_bench");
            PostgresConfig persistence = PostgresConfig.of(database.url(), database.user(), database.password());
            try (LocalCluster cluster = LocalCluster.start(3, member -> member.rulegridYaml(yaml).postgres(persistence));
                 RuleGridClient grid = RuleGridClient.builder().clusterName(cluster.clusterName())
                         .members(cluster.addresses().toArray(String[]::new)).connect()) {
                grid.rulesets().deploy("catalog.grl", Workloads.catalogRgl(RULES));
                List<Map<String, Object>> products = Workloads.products(PRODUCTS);
                Namespace inMemory = grid.namespace(IN_MEMORY);
                Namespace persistent = grid.namespace(PERSISTENT);
                updates(inMemory, products, seconds);  // warm-up of members, client and PostgreSQL
                updates(persistent, products, seconds);
                awaitDrained(cluster, database, 120);

                List<Double> memoryRates = new ArrayList<>();
                List<Double> persistentRates = new ArrayList<>();
                List<Map<String, Object>> drains = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    memoryRates.add(updates(inMemory, products, seconds));
                    long rowsBefore = rowWrites(database);
                    long start = System.nanoTime();
                    persistentRates.add(updates(persistent, products, seconds));
                    long loadNanos = System.nanoTime() - start;
                    long rowsDuringLoad = rowWrites(database) - rowsBefore;
                    long queuedAtEnd = queued(cluster);
                    long drainMillis = awaitDrained(cluster, database, 120);
                    long rowsTotal = rowWrites(database) - rowsBefore;
                    Map<String, Object> drain = new LinkedHashMap<>();
                    drain.put("rowsWrittenDuringLoad", rowsDuringLoad);
                    drain.put("rowsPerSecondDuringLoad", rowsDuringLoad * 1e9 / loadNanos);
                    drain.put("queuedAtEndOfLoad", queuedAtEnd);
                    drain.put("millisToDrainAfterLoad", drainMillis);
                    drain.put("rowsWrittenInAll", rowsTotal);
                    drains.add(drain);
                }
                double memory = mean(memoryRates);
                double persisted = mean(persistentRates);
                double ratio = persisted / memory;

                out.println();
                out.printf("%-46s %12s%n", "", "updates/s");
                out.printf("%-46s %,12.0f   %s%n", "in-memory namespace (upsert + 100 rules)", memory, rounded(memoryRates));
                out.printf("%-46s %,12.0f   %s%n", "persistent namespace (same, write-behind)", persisted,
                        rounded(persistentRates));
                for (Map<String, Object> drain : drains) {
                    out.printf("drain into PostgreSQL: %,.0f rows/s during the load (%,d rows); %,d changes queued at"
                                    + " its end, drained %d ms later; batches of up to %,d rows%n",
                            (double) drain.get("rowsPerSecondDuringLoad"), (long) drain.get("rowsWrittenDuringLoad"),
                            (long) drain.get("queuedAtEndOfLoad"), (long) drain.get("millisToDrainAfterLoad"),
                            WRITE_BATCH_SIZE);
                }
                out.printf("%ntarget: persistent >= 0.8x in-memory update throughput: %.2fx %s%n", ratio,
                        ratio >= 0.8 ? "PASS" : "MISS");

                Map<String, Object> report = BenchMain.header("persist", "3 members + 1 client in one JVM and an"
                        + " embedded PostgreSQL on the same machine, " + IN_FLIGHT + " upsertAndEvaluate calls in"
                        + " flight, " + RULES + " rules, " + seconds + " s per phase, two rounds after a warm-up");
                report.put("inMemoryUpdatesPerSecond", memory);
                report.put("persistentUpdatesPerSecond", persisted);
                report.put("ratio", ratio);
                report.put("inMemoryRounds", memoryRates);
                report.put("persistentRounds", persistentRates);
                report.put("writeDelaySeconds", WRITE_DELAY_SECONDS);
                report.put("writeBatchSize", WRITE_BATCH_SIZE);
                report.put("drain", drains);
                report.put("target", Map.of("ratioAtLeast", 0.8, "met", ratio >= 0.8));
                return report;
            }
        }
    }

    /** Updates products for {@code seconds}, {@value #IN_FLIGHT} calls in flight; the updates per second. */
    private static double updates(Namespace namespace, List<Map<String, Object>> products, int seconds)
            throws InterruptedException {
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        for (int i = 0; System.nanoTime() < end && failure.get() == null; i++) {
            Map<String, Object> product = new HashMap<>(products.get(i % PRODUCTS));
            product.put("price", 5 + (i * 7919 % 20_000) / 100.0);
            window.acquire();
            namespace.upsertAndEvaluateAsync((String) product.get("sku"), product, "catalog", EvaluationOptions.defaults())
                    .whenComplete((evaluation, error) -> {
                        if (error != null || !evaluation.succeeded()) {
                            failure.compareAndSet(null, error != null ? error : evaluation.error());
                        }
                        done.incrementAndGet();
                        window.release();
                    });
        }
        window.acquire(IN_FLIGHT);
        long nanos = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("an update of " + namespace.name() + " failed", failure.get());
        }
        return done.get() * 1e9 / nanos;
    }

    /** Changes queued for PostgreSQL on all members (write-behind entries not yet stored). */
    private static long queued(LocalCluster cluster) {
        long queued = 0;
        for (RuleGridNode member : cluster.members()) {
            queued += member.hazelcast().<String, HazelcastJsonValue>getMap(PERSISTENT).getLocalMapStats()
                    .getDirtyEntryCount();
        }
        return queued;
    }

    /** Waits until no change is queued; the milliseconds it took. */
    private static long awaitDrained(LocalCluster cluster, PostgresDatabase database, int maxSeconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + maxSeconds * 1_000_000_000L;
        while (queued(cluster) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(queued(cluster) + " changes still queued for " + database.url()
                        + " after " + maxSeconds + " s");
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Rows written to the table so far: each row counts its writes in {@code version}. */
    private static long rowWrites(PostgresDatabase database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement select = connection.createStatement();
             // TABLE is a constant of this class
             ResultSet sum = select.executeQuery("SELECT coalesce(sum(version), 0) FROM " + TABLE)) {
            sum.next();
            return sum.getLong(1);
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }
}
