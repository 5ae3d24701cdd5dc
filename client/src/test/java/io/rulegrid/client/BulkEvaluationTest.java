package io.rulegrid.client;

import io.rulegrid.testkit.LocalCluster;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code evaluateAll} coordinated by the client, one operation per partition on its owner, while partitions
 * migrate to a joining member and when a member is killed mid-run. A rule increments a counter in every fact,
 * so an evaluation run twice, or lost, shows in the facts.
 */
class BulkEvaluationTest {

    private static final int FACTS = 3_000;
    private static final String COUNT = """
            ruleset "count" time-budget 10s
            rule "count" no-loop { when true then evals = evals + 1 }
            """;

    @Test
    void everyFactIsEvaluatedExactlyOnceWhenAMemberIsKilledMidRunAndPromotedBackupsHoldTheComputedValues() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3); RuleGridClient grid = connect(cluster)) {
            Namespace orders = loaded(grid, "orders");
            BulkResult first = orders.evaluateAll("count", BulkOptions.allFacts());
            assertThat(first.evaluated()).isEqualTo(FACTS);
            assertEvaluations(orders, 1);

            CompletableFuture<BulkResult> second = orders.evaluateAllAsync("count", BulkOptions.allFacts());
            // the kill lands while the second pass runs (waiting for some evaluations first, through a stats call,
            // let the pass finish before the kill on a quiet machine): its partition calls are on their way
            assertThat(second.isDone()).as("the second pass is still running when the member is killed").isFalse();
            cluster.kill(2);
            BulkResult summary = second.get(2, TimeUnit.MINUTES);
            cluster.awaitSafe();

            // the killed member's partitions were evaluated on their new owners: once, whether or not the lost
            // runs had reached the backups now promoted; and the first pass's values survived on those backups
            assertThat(summary.evaluated()).as("%s", summary).isEqualTo(FACTS);
            assertThat(summary.errors()).as("%s", summary.errorSamples()).isZero();
            assertEvaluations(orders, 2);
        }
    }

    @Test
    void everyFactIsEvaluatedExactlyOnceWhilePartitionsMigrateToAJoiningMember() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(2); RuleGridClient grid = connect(cluster)) {
            Namespace orders = loaded(grid, "orders");
            CompletableFuture<BulkResult> run = orders.evaluateAllAsync("count", BulkOptions.allFacts());
            cluster.join();
            BulkResult summary = run.get(2, TimeUnit.MINUTES);

            assertThat(summary.evaluated()).isEqualTo(FACTS);
            assertThat(summary.errors()).as("%s", summary.errorSamples()).isZero();
            cluster.awaitSafe();
            assertEvaluations(orders, 1);
            // the backups hold the computed values: stop the owners one by one, the facts stay as computed
            cluster.stop(0);
            assertEvaluations(orders, 1);
        }
    }

    private static RuleGridClient connect(LocalCluster cluster) {
        return RuleGridClient.builder().clusterName(cluster.clusterName())
                .members(cluster.addresses().toArray(String[]::new)).connect();
    }

    private static Namespace loaded(RuleGridClient grid, String name) {
        grid.rulesets().deploy("count.grl", COUNT);
        Namespace namespace = grid.namespace(name);
        Map<String, Map<String, Object>> facts = new HashMap<>();
        for (int i = 0; i < FACTS; i++) {
            facts.put("o-" + i, Map.of("id", i, "evals", 0));
        }
        namespace.putAll(facts);
        return namespace;
    }

    private static void assertEvaluations(Namespace namespace, long expected) {
        assertThat(namespace.size()).isEqualTo(FACTS);
        for (int i = 0; i < FACTS; i++) {
            assertThat(namespace.get("o-" + i).orElseThrow()).as("o-%d", i).containsEntry("evals", expected);
        }
    }
}
