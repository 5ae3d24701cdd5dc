package io.rulegrid.node;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.rulegrid.devservices.PostgresDatabase;
import io.rulegrid.devservices.junit.WithPostgres;
import io.rulegrid.testkit.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.rulegrid.node.PersistentClusters.facts;
import static io.rulegrid.node.PersistentClusters.persistingTo;
import static io.rulegrid.node.PersistentClusters.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A member killed (no graceful shutdown) while its write-behind queues hold changes: the backups of its
 * partitions hold the same queues, and once promoted, the survivors write them to PostgreSQL.
 */
@WithPostgres
class WriteBehindFailoverTest {

    private static final int FACTS = 3_000;

    @Test
    void changesQueuedOnAKilledMemberReachPostgresFromTheSurvivors(PostgresDatabase database, @TempDir Path dir)
            throws Exception {
        // 10 s: the changes are still queued when the member is killed, and the backups keep them for 10 s more
        try (LocalCluster cluster = LocalCluster.start(3, persistingTo(database, dir,
                "orders:\n  persistent: true\n  write-delay-seconds: 10\n"))) {
            HazelcastInstance client = WireClients.of(cluster);
            try {
                IMap<String, HazelcastJsonValue> orders = client.getMap("orders");
                Map<String, HazelcastJsonValue> batch = new HashMap<>();
                for (int i = 0; i < FACTS; i++) {
                    batch.put("o-" + i, new HazelcastJsonValue("{\"id\":" + i + "}"));
                }
                orders.putAll(batch);
                assertThat(rows(database, "facts_orders")).as("still queued, not yet written").isEmpty();

                cluster.kill(2);

                Map<String, Map<String, Object>> acknowledged = facts(orders);
                assertThat(acknowledged).hasSize(FACTS);
                await().atMost(2, TimeUnit.MINUTES).pollInterval(1, TimeUnit.SECONDS)
                        .untilAsserted(() -> assertThat(rows(database, "facts_orders")).isEqualTo(acknowledged));
            } finally {
                client.shutdown();
            }
        }
    }
}
