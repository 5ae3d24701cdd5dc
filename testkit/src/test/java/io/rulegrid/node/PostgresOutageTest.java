package io.rulegrid.node;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.rulegrid.devservices.PostgresDatabase;
import io.rulegrid.devservices.PostgresService;
import io.rulegrid.devservices.junit.WithPostgres;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.PersistenceUnavailableException;
import io.rulegrid.grid.RuleSetRecord;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.grid.wire.RegistryTask;
import io.rulegrid.grid.wire.RuleEntryProcessor;
import io.rulegrid.testkit.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.rulegrid.node.PersistentClusters.deploy;
import static io.rulegrid.node.PersistentClusters.facts;
import static io.rulegrid.node.PersistentClusters.persistingTo;
import static io.rulegrid.node.PersistentClusters.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL really stopped while evaluations and upserts run, and started again: the grid keeps serving, a deploy
 * fails in bounded time naming the cause and changes nothing, and the write-behind queues drain afterwards until
 * every row equals the grid.
 */
@WithPostgres
class PostgresOutageTest {

    private static final int KEYS = 2_000;

    @Test
    void factsKeepFlowingWhilePostgresIsDownDeploysFailAndTheQueuesDrainWhenItIsBack(
            PostgresService postgres, PostgresDatabase database, @TempDir Path dir) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(2, persistingTo(database, dir,
                "orders:\n  persistent: true\n"))) {
            HazelcastInstance client = WireClients.of(cluster);
            ExecutorService load = Executors.newSingleThreadExecutor();
            try {
                deploy(client, "count.grl", """
                        ruleset "count" time-budget 10s
                        rule "count" no-loop { when true then evals = evals + 1 }
                        """);
                IMap<String, HazelcastJsonValue> orders = client.getMap("orders");
                Map<String, HazelcastJsonValue> initial = new HashMap<>();
                for (int i = 0; i < KEYS / 2; i++) {
                    initial.put("o-" + i, new HazelcastJsonValue("{\"evals\":0}"));
                }
                orders.putAll(initial);

                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong succeeded = new AtomicLong();
                List<String> failures = new CopyOnWriteArrayList<>();
                Future<?> calls = load.submit(() -> {
                    EvaluationRequest count = new EvaluationRequest("orders", "count", 0, null);
                    for (long seq = 0; running.get(); seq++) {
                        // each key upserted, then evaluated; the upper half of the keys is new in the first round
                        String key = "o-" + (seq / 2) % KEYS;
                        boolean upsert = seq % 2 == 0;
                        EvaluationOutcome outcome = orders.executeOnKey(key, new RuleEntryProcessor(count,
                                upsert ? "{\"evals\":0,\"seq\":" + seq + "}" : null, false));
                        if (outcome.succeeded() || outcome.failure() == EvaluationOutcome.Failure.NO_FACT) {
                            succeeded.incrementAndGet();
                        } else {
                            failures.add(key + ": " + outcome.failure() + " " + outcome.error().getMessage());
                        }
                    }
                    return null;
                });
                await().atMost(1, TimeUnit.MINUTES).until(() -> succeeded.get() >= 500);

                postgres.stop();
                long atStop = succeeded.get();
                await().atMost(1, TimeUnit.MINUTES).until(() -> succeeded.get() >= atStop + 2_000);
                Future<?> refused = client.getExecutorService(GridNames.EXECUTOR).submit(RegistryTask.deploy("count.grl",
                        "ruleset \"count\" time-budget 10s\nrule \"count\" { when true then evals = evals + 2 }"));
                // bounded: the connect timeout is 3 s; a minute only guards against a hang
                assertThatThrownBy(() -> refused.get(1, TimeUnit.MINUTES))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(PersistenceUnavailableException.class)
                        .hasMessageContaining("ruleset \"count\" is not changed: PostgreSQL at " + database.url()
                                + " is unreachable")
                        .hasMessageContaining("the registry is unchanged");
                RuleSetRecord registry = RuleSetRecord.fromJson(
                        client.<String, HazelcastJsonValue>getMap(GridNames.RULESETS_MAP).get("count"));
                assertThat(registry.versions()).hasSize(1);
                long beforeRestart = succeeded.get();
                await().atMost(1, TimeUnit.MINUTES).until(() -> succeeded.get() >= beforeRestart + 500);

                postgres.restart();
                long afterRestart = succeeded.get();
                await().atMost(1, TimeUnit.MINUTES).until(() -> succeeded.get() >= afterRestart + 500);
                running.set(false);
                calls.get(1, TimeUnit.MINUTES);
                assertThat(failures).isEmpty();

                Map<String, Map<String, Object>> grid = facts(orders);
                assertThat(grid).hasSize(KEYS);
                await().atMost(2, TimeUnit.MINUTES).pollInterval(1, TimeUnit.SECONDS)
                        .untilAsserted(() -> assertThat(rows(database, "facts_orders")).isEqualTo(grid));
            } finally {
                load.shutdownNow();
                client.shutdown();
                if (!postgres.isRunning()) {
                    postgres.restart();
                }
            }
        }
    }
}
