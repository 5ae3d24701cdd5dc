package io.rulegrid.node;

import io.rulegrid.testkit.LocalCluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import io.rulegrid.api.Facts;
import io.rulegrid.devservices.KafkaService;
import io.rulegrid.devservices.junit.KafkaRecords;
import io.rulegrid.devservices.junit.WithKafka;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.RegistryTask;
import io.rulegrid.node.pipeline.EventPipelines;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka event feeds on a real 2-member cluster with a real broker: events become facts evaluated where they live,
 * outputs become decisions, and events that cannot be applied land in the dead-letter topic without stopping the
 * feed. The members run the shipped configuration; the pipelines in rulegrid.yaml turn Jet on.
 */
@WithKafka
class KafkaPipelineTest {

    private static final String RULESET = """
            ruleset "order-review" time-budget 10s
            rule "BigOrder" no-loop {
              when total > 100 && status == "NEW"
              then status = "REVIEW"; emit("review", ["total": total])
            }
            rule "Velocity" {
              when agg.perCustomer != null && agg.perCustomer >= 3
              then emit("velocity", ["customer": customer, "orders": agg.perCustomer])
            }
            """;

    private static LocalCluster cluster;
    private static HazelcastInstance client;
    private static KafkaService kafka;

    @BeforeAll
    static void startCluster(KafkaService broker, @TempDir Path config) throws Exception {
        kafka = broker;
        kafka.createTopic("pipe-order-events", 3);
        Path rulegridYaml = config.resolve("rulegrid.yaml");
        Files.writeString(rulegridYaml, """
                kafka:
                  bootstrap-servers: %s
                pipelines:
                  orders:
                    topic: pipe-order-events
                    namespace: pipe-orders
                    ruleset: order-review
                    decisions-topic: pipe-order-decisions
                    dead-letter-topic: pipe-order-dead
                    aggregates:
                      perCustomer:
                        function: count
                        window: 10m
                        by: customer
                  ghosts:
                    topic: pipe-ghost-events
                    namespace: pipe-ghosts
                    ruleset: never-deployed
                    decisions-topic: pipe-ghost-decisions
                    dead-letter-topic: pipe-ghost-dead
                """.formatted(kafka.url()));
        cluster = LocalCluster.start(2, member -> member.rulegridYaml(rulegridYaml));
        client = WireClients.of(cluster);
        IExecutorService executor = client.getExecutorService(GridNames.EXECUTOR);
        executor.submit(RegistryTask.deploy("order-review.grl", RULESET)).get();
    }

    @AfterAll
    static void stopCluster() {
        client.shutdown();
        cluster.close();
    }

    @Test
    void eventsAreUpsertedAndEvaluatedWhereTheyLiveAndOutputsBecomeDecisions() {
        send("pipe-order-events", "o-1", "{\"id\":\"e-1\",\"key\":\"o-1\",\"op\":\"upsert\","
                + "\"fact\":{\"total\":150,\"status\":\"NEW\"}}");
        // no "key": the record's key names the fact
        send("pipe-order-events", "o-2", "{\"id\":\"e-2\",\"op\":\"upsert\",\"fact\":{\"total\":50,\"status\":\"NEW\"}}");
        send("pipe-order-events", "o-3", "{\"id\":\"e-3\",\"op\":\"upsert\",\"fact\":{\"total\":10,\"status\":\"NEW\"}}");
        send("pipe-order-events", "o-3", "{\"id\":\"e-4\",\"op\":\"delete\"}");
        send("pipe-order-events", "o-2", "{\"id\":\"e-5\",\"op\":\"patch\",\"patch\":{\"note\":\"gift\",\"status\":null}}");
        send("pipe-order-events", "o-9", "{\"id\":\"e-6\",\"op\":\"patch\",\"patch\":{\"note\":\"gift\"}}");

        IMap<String, HazelcastJsonValue> orders = client.getMap("pipe-orders");
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(orders.get("o-1")).isNotNull();
            assertThat(Facts.parse(orders.get("o-1").getValue())).containsEntry("status", "REVIEW");
            assertThat(orders.get("o-2")).isNotNull();
            // patched: a field added, a field removed by null, the rest kept
            assertThat(Facts.parse(orders.get("o-2").getValue())).containsEntry("note", "gift")
                    .containsEntry("total", 50L).doesNotContainKey("status");
        });
        await().atMost(Duration.ofMinutes(1)).until(() -> !orders.containsKey("o-3"));

        List<ConsumerRecord<String, String>> decisions = readAtLeast("pipe-order-decisions", 1,
                record -> record.key().startsWith("o-"));
        assertThat(decisions).allSatisfy(decision -> assertThat(decision.key()).isEqualTo("o-1"));
        Map<String, Object> decision = Facts.parse(decisions.get(0).value());
        assertThat(decision).containsEntry("eventId", "e-1").containsEntry("namespace", "pipe-orders")
                .containsEntry("key", "o-1").containsEntry("ruleset", "order-review").containsEntry("version", 1L)
                .containsEntry("rule", "BigOrder").containsEntry("index", 0L).containsEntry("type", "review")
                .containsEntry("value", Map.of("total", 150L));
        assertThat((Long) decision.get("timestamp")).isPositive();
        assertThat(client.getJet().getJob(EventPipelines.jobName("orders"))).isNotNull();

        Map<String, Object> patchOfNothing = Facts.parse(readAtLeast("pipe-order-dead", 1).stream()
                .filter(record -> record.key().equals("o-9")).findFirst().orElseThrow().value());
        assertThat((String) patchOfNothing.get("reason")).startsWith("NO_FACT: ");
        assertThat(orders.containsKey("o-9")).as("a patch of no fact creates none").isFalse();
    }

    @Test
    void rulesReadThePipelinesWindowedAggregatesAsAgg() {
        for (int order = 1; order <= 3; order++) {
            send("pipe-order-events", "v-" + order, "{\"id\":\"v-" + order + "\",\"op\":\"upsert\","
                    + "\"fact\":{\"total\":5,\"status\":\"NEW\",\"customer\":\"c-9\"}}");
        }

        List<Map<String, Object>> velocity = readAtLeast("pipe-order-decisions", 1, record -> record.value()
                .contains("\"velocity\"")).stream().map(record -> Facts.parse(record.value())).toList();
        // the third order of customer c-9 within 10 minutes is the first with 3 in its window
        assertThat(velocity).singleElement().satisfies(decision -> {
            assertThat(decision).containsEntry("eventId", "v-3").containsEntry("rule", "Velocity");
            assertThat(decision).containsEntry("value", Map.of("customer", "c-9", "orders", 3L));
        });
    }

    @Test
    void eventsThatCannotBeAppliedGoToTheDeadLetterTopicAndTheOthersStillApply() {
        send("pipe-order-events", "d-1", "{\"id\":\"e-10\",\"op\":\"upsert\",\"fact\":{\"total\":5,\"status\":\"NEW\"}}");
        send("pipe-order-events", "d-2", "{not json");
        send("pipe-order-events", "d-3", "{\"id\":\"e-12\",\"op\":\"merge\",\"fact\":{}}");
        send("pipe-order-events", "d-4", "{\"id\":\"e-13\",\"op\":\"upsert\",\"fact\":{\"total\":7,\"status\":\"NEW\"}}");
        send("pipe-ghost-events", "g-1", "{\"id\":\"e-14\",\"op\":\"upsert\",\"fact\":{\"total\":1}}");

        IMap<String, HazelcastJsonValue> orders = client.getMap("pipe-orders");
        await().atMost(Duration.ofMinutes(1)).until(() -> orders.containsKey("d-1") && orders.containsKey("d-4"));

        List<Map<String, Object>> deadOrders = readAtLeast("pipe-order-dead", 2).stream()
                .map(record -> Facts.parse(record.value())).toList();
        assertThat(deadOrders).anySatisfy(letter -> {
            assertThat((String) letter.get("reason")).startsWith("malformed event: ");
            assertThat(letter).containsEntry("payload", "{not json").containsEntry("topic", "pipe-order-events");
            assertThat(letter).containsKeys("partition", "offset");
        });
        assertThat(deadOrders).anySatisfy(letter -> {
            assertThat(letter).containsEntry("reason", "unknown op \"merge\"; give \"upsert\", \"patch\" or \"delete\"");
            assertThat(letter).containsEntry("payload", "{\"id\":\"e-12\",\"op\":\"merge\",\"fact\":{}}");
        });
        assertThat(orders.containsKey("d-3")).isFalse();

        Map<String, Object> deadGhost = Facts.parse(readAtLeast("pipe-ghost-dead", 1).get(0).value());
        assertThat((String) deadGhost.get("reason")).startsWith("NO_RULESET: ").contains("never-deployed");
        assertThat(deadGhost).containsEntry("payload", "{\"id\":\"e-14\",\"op\":\"upsert\",\"fact\":{\"total\":1}}");
        assertThat(client.getMap("pipe-ghosts").containsKey("g-1")).as("a failed evaluation changes nothing").isFalse();
    }

    private static void send(String topic, String key, String value) {
        KafkaRecords.sendKeyed(kafka, topic, key, value);
    }

    /** The topic's committed records from its beginning, once it has at least {@code count}. */
    private static List<ConsumerRecord<String, String>> readAtLeast(String topic, int count) {
        return readAtLeast(topic, count, record -> true);
    }

    /** The topic's committed records {@code wanted} accepts, from its beginning, once there are {@code count}. */
    private static List<ConsumerRecord<String, String>> readAtLeast(String topic, int count,
                                                                    Predicate<ConsumerRecord<String, String>> wanted) {
        return KafkaRecords.readCommittedUntil(kafka, topic, Duration.ofMinutes(1),
                        records -> records.stream().filter(wanted).count() >= count)
                .stream().filter(wanted).toList();
    }
}
