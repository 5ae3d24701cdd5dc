package io.rulegrid.node;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.rulegrid.devservices.PostgresDatabase;
import io.rulegrid.devservices.junit.WithPostgres;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.RuleSetRecord;
import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.grid.wire.RuleEntryProcessor;
import io.rulegrid.testkit.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.rulegrid.node.PersistentClusters.activate;
import static io.rulegrid.node.PersistentClusters.deploy;
import static io.rulegrid.node.PersistentClusters.evaluateAll;
import static io.rulegrid.node.PersistentClusters.facts;
import static io.rulegrid.node.PersistentClusters.persistingTo;
import static io.rulegrid.node.PersistentClusters.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full graceful stop of a 3-member cluster and a start of a new one on the same PostgreSQL: the rulesets, their
 * versions, the active one and the history, and every acknowledged fact come back; retracted facts stay gone; the
 * restarted cluster keeps them when a member then crashes.
 */
@WithPostgres
class PersistentClusterRestartTest {

    private static final int FACTS = 10_000;
    private static final String V1 = """
            ruleset "catalog" time-budget 10s
            rule "premium" { when price > 500 then tier = "premium" }
            """;
    private static final String V2 = """
            ruleset "catalog" time-budget 10s
            rule "premium" salience 1 { when price > 500 then tier = "premium" }
            rule "discontinued" { when discontinued == true then retract() }
            """;

    @Test
    void fullClusterStopAndStartKeepsRulesetsTheirHistoryAndEveryAcknowledgedFact(PostgresDatabase database,
                                                                                   @TempDir Path dir) throws Exception {
        UnaryOperator<RuleGridNode.Builder> persisting = persistingTo(database, dir,
                "products:\n  persistent: true\n");
        RuleSetRecord deployed;
        Map<String, Map<String, Object>> acknowledged;
        try (LocalCluster cluster = LocalCluster.start(3, persisting)) {
            HazelcastInstance client = WireClients.of(cluster);
            try {
                assertThat(deploy(client, "catalog.grl", V1)).isEqualTo(1);
                assertThat(deploy(client, "catalog.grl", V2)).isEqualTo(2);
                assertThat(activate(client, "catalog", 1)).isEqualTo(1);
                assertThat(activate(client, "catalog", 2)).isEqualTo(2);

                IMap<String, HazelcastJsonValue> products = client.getMap("products");
                Map<String, HazelcastJsonValue> batch = new HashMap<>();
                for (int i = 0; i < FACTS; i++) {
                    batch.put("p-" + i, new HazelcastJsonValue("{\"sku\":\"p-" + i + "\",\"price\":" + i % 1000
                            + ",\"discontinued\":" + (i % 100 == 0) + "}"));
                }
                products.putAll(batch);
                BulkSummary summary = evaluateAll(client, new EvaluationRequest("products", "catalog", 0, null));
                assertThat(summary.errors()).as("%s %s", summary, summary.failures()).isZero();

                acknowledged = facts(products);
                assertThat(acknowledged).hasSize(FACTS - FACTS / 100).doesNotContainKey("p-100");
                assertThat(acknowledged.get("p-999")).containsEntry("tier", "premium");
                deployed = RuleSetRecord.fromJson(client.<String, HazelcastJsonValue>getMap(GridNames.RULESETS_MAP)
                        .get("catalog"));
            } finally {
                client.shutdown();
            }
            cluster.stopAll();
        }
        // the last member wrote what its queues held when it stopped
        assertThat(rows(database, "facts_products")).isEqualTo(acknowledged);

        try (LocalCluster cluster = LocalCluster.start(3, persisting)) {
            // the first member loaded the namespace while it was alone, before the others joined and before any call
            assertThat(cluster.member(2).hazelcast().getDistributedObjects())
                    .anyMatch(object -> object.getName().equals("products"));
            HazelcastInstance client = WireClients.of(cluster);
            try {
                RuleSetRecord reloaded = RuleSetRecord.fromJson(
                        client.<String, HazelcastJsonValue>getMap(GridNames.RULESETS_MAP).get("catalog"));
                assertThat(reloaded).isEqualTo(deployed);
                assertThat(reloaded.events()).extracting(RuleSetRecord.Event::type, RuleSetRecord.Event::version)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("DEPLOY", 1),
                                org.assertj.core.groups.Tuple.tuple("DEPLOY", 2),
                                org.assertj.core.groups.Tuple.tuple("ROLLBACK", 1),
                                org.assertj.core.groups.Tuple.tuple("ACTIVATE", 2));

                IMap<String, HazelcastJsonValue> products = client.getMap("products");
                assertThat(facts(products)).isEqualTo(acknowledged);
                // the reloaded active version evaluates: v2 retracts a discontinued product put after the restart
                products.set("p-new", new HazelcastJsonValue("{\"price\":1,\"discontinued\":true}"));
                EvaluationOutcome outcome = products.executeOnKey("p-new",
                        new RuleEntryProcessor(new EvaluationRequest("products", "catalog", 0, null), null, false));
                assertThat(outcome.version()).isEqualTo(2);
                assertThat(outcome.retractedFact()).isTrue();

                // a member crash after the load loses nothing and leaves no partition "still loading"
                cluster.kill(1);
                assertThat(facts(products)).isEqualTo(acknowledged);
            } finally {
                client.shutdown();
            }
        }
    }
}
