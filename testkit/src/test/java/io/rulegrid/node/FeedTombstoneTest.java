package io.rulegrid.node;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.jet.core.test.TestProcessorSupplierContext;
import com.hazelcast.map.IMap;
import io.rulegrid.api.Facts;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.grid.wire.RegistryTask;
import io.rulegrid.node.config.PipelineConfig;
import io.rulegrid.node.internal.GridEngine;
import io.rulegrid.node.internal.execution.AppliedEvent;
import io.rulegrid.node.internal.execution.EventOp;
import io.rulegrid.node.internal.execution.FeedEventProcessor;
import io.rulegrid.node.internal.execution.FeedTombstoneKey;
import io.rulegrid.node.pipeline.FactApplier;
import io.rulegrid.node.pipeline.FeedEvent;
import io.rulegrid.node.pipeline.OutgoingRecord;
import io.rulegrid.node.pipeline.SourceRecord;
import io.rulegrid.testkit.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fact the feed deletes keeps its ledger as a tombstone: events applied before the delete and read again after a
 * failure (a job restarted from its last snapshot reads again what came after it) are known as applied, their
 * decisions written again identical, and the fact stays deleted. The pipeline's applier runs here on a real member,
 * given the events a restarted job would read again, without the Kafka and Jet around it.
 */
class FeedTombstoneTest {

    private static final String RULESET = """
            ruleset "tally"
            rule "Count" no-loop {
              when amount > 0
              then count = count + 1; emit("tally", count)
            }
            rule "Close" {
              when closed == true
              then emit("closed", count); retract()
            }
            rule "Boom" {
              when boom == true
              then count = count / 0
            }
            """;
    private static final String NAMESPACE = "tombstoned";
    private static final String TOPIC = "tally-events";

    private static LocalCluster cluster;
    private static HazelcastInstance member;
    private static FactApplier applier;

    @BeforeAll
    static void startMember() throws Exception {
        cluster = LocalCluster.start(1);
        member = cluster.member(0).hazelcast();
        member.getExecutorService(GridNames.EXECUTOR).submit(RegistryTask.deploy("tally.grl", RULESET)).get();
        PipelineConfig pipeline = new PipelineConfig(TOPIC, NAMESPACE, "tally", "tally-decisions", "tally-dead");
        applier = new FactApplier.Factory("tally", pipeline)
                .applyEx(new TestProcessorSupplierContext().setHazelcastInstance(member));
    }

    @AfterAll
    static void stopMember() {
        cluster.close();
    }

    @Test
    void eventsBeforeADeleteReadAgainAreNotAppliedAgainAndTheirDecisionsComeBackIdentical() {
        List<OutgoingRecord> upserted = apply(event(0, "k-1", EventOp.UPSERT, "{\"amount\":5,\"count\":0}"));
        List<OutgoingRecord> patched = apply(event(1, "k-1", EventOp.PATCH, "{\"amount\":7}"));
        assertThat(apply(event(2, "k-1", EventOp.DELETE, null))).isEmpty();
        assertThat(fact("k-1")).isNull();
        assertThat(tombstone("k-1")).as("the deleted fact's ledger").isNotNull();

        // what a job restarted from a snapshot before the upsert reads again
        assertThat(apply(event(0, "k-1", EventOp.UPSERT, "{\"amount\":5,\"count\":0}")))
                .as("the upsert's decision, from the tombstone").isEqualTo(upserted);
        assertThat(apply(event(1, "k-1", EventOp.PATCH, "{\"amount\":7}")))
                .as("the patch's decision, not a dead letter for a missing fact").isEqualTo(patched);
        assertThat(apply(event(2, "k-1", EventOp.DELETE, null))).isEmpty();
        assertThat(fact("k-1")).as("nothing read again brought the fact back").isNull();
        assertThat(upserted).singleElement().extracting(OutgoingRecord::value).asString().contains("\"value\":1");
        assertThat(patched).singleElement().extracting(OutgoingRecord::value).asString().contains("\"value\":2");
    }

    @Test
    void aFactCreatedAgainTakesOverItsTombstonesLedger() {
        // the tombstone stays until it expires, but a fact that is there answers from its own ledger
        apply(event(10, "k-2", EventOp.UPSERT, "{\"amount\":1,\"count\":0}"));
        List<OutgoingRecord> patched = apply(event(11, "k-2", EventOp.PATCH, "{\"amount\":2}"));
        apply(event(12, "k-2", EventOp.DELETE, null));

        List<OutgoingRecord> created = apply(event(13, "k-2", EventOp.UPSERT, "{\"amount\":3,\"count\":0}"));
        assertThat(created).singleElement().extracting(OutgoingRecord::value).asString().contains("\"value\":1");
        assertThat(fact("k-2")).containsEntry("amount", 3L).containsEntry("count", 1L);

        assertThat(apply(event(11, "k-2", EventOp.PATCH, "{\"amount\":2}"))).isEqualTo(patched);
        assertThat(fact("k-2")).as("the patch read again changed nothing").containsEntry("amount", 3L)
                .containsEntry("count", 1L);
    }

    @Test
    void aFactTheRulesRetractLeavesItsTombstoneToo() {
        List<OutgoingRecord> upserted = apply(event(30, "k-4", EventOp.UPSERT, "{\"amount\":5,\"count\":0}"));
        List<OutgoingRecord> closed = apply(event(31, "k-4", EventOp.PATCH, "{\"closed\":true}"));
        assertThat(closed).extracting(OutgoingRecord::value).anySatisfy(decision ->
                assertThat(decision).contains("\"type\":\"closed\""));
        assertThat(fact("k-4")).as("retracted").isNull();

        assertThat(apply(event(30, "k-4", EventOp.UPSERT, "{\"amount\":5,\"count\":0}"))).isEqualTo(upserted);
        assertThat(apply(event(31, "k-4", EventOp.PATCH, "{\"closed\":true}")))
                .as("the retracting event's decisions, from the tombstone").isEqualTo(closed);
        assertThat(fact("k-4")).isNull();
    }

    @Test
    void aRetractRemovesOnlyTheValueTheRulesRetractedNotOneAClientWroteBetweenItsTwoSteps() {
        apply(event(40, "k-6", EventOp.UPSERT, "{\"amount\":5,\"count\":0}"));
        IMap<String, HazelcastJsonValue> facts = member.getMap(NAMESPACE);
        FeedEventProcessor closing = new FeedEventProcessor(GridEngine.of(member),
                new EvaluationRequest(NAMESPACE, "tally", 0, null), EventOp.PATCH, "{\"closed\":true}",
                TOPIC + "/0", 41, -1, null);

        AppliedEvent asked = facts.executeOnKey("k-6", closing);
        assertThat(asked.status()).isEqualTo(AppliedEvent.Status.WRITE_TOMBSTONE);
        assertThat(fact("k-6")).as("nothing removed before the tombstone is written").isNotNull();
        facts.set("k-6", new HazelcastJsonValue("{\"amount\":9,\"count\":0}"));
        AppliedEvent retracted = facts.executeOnKey("k-6", closing.withTombstone(asked));

        assertThat(retracted.status()).isEqualTo(AppliedEvent.Status.APPLIED);
        assertThat(retracted.outputs()).extracting(output -> output.get("type")).contains("closed");
        assertThat(fact("k-6")).as("the client's value, written after the rules retracted the fact")
                .containsEntry("amount", 9L);
    }

    @Test
    void aFailedEventReadAgainFailsAgainWithTheSameDeadLetterThoughLaterEventsWereApplied() {
        List<OutgoingRecord> missing = apply(event(50, "k-5", EventOp.PATCH, "{\"amount\":2}"));
        apply(event(51, "k-5", EventOp.UPSERT, "{\"amount\":1,\"count\":0}"));
        List<OutgoingRecord> failed = apply(event(52, "k-5", EventOp.PATCH, "{\"boom\":true}"));
        apply(event(53, "k-5", EventOp.PATCH, "{\"amount\":3}"));
        assertThat(missing).singleElement().extracting(OutgoingRecord::value).asString().contains("NO_FACT");
        assertThat(failed).singleElement().extracting(OutgoingRecord::value).asString().contains("division by zero");
        assertThat(fact("k-5")).as("the failed patch changed nothing").doesNotContainKey("boom")
                .containsEntry("count", 2L);

        assertThat(apply(event(50, "k-5", EventOp.PATCH, "{\"amount\":2}"))).isEqualTo(missing);
        assertThat(apply(event(52, "k-5", EventOp.PATCH, "{\"boom\":true}"))).isEqualTo(failed);
        assertThat(fact("k-5")).containsEntry("count", 2L).containsEntry("amount", 3L);
    }

    @Test
    void aPatchOfAFactNeverCreatedIsStillADeadLetter() {
        List<OutgoingRecord> records = apply(event(20, "k-3", EventOp.PATCH, "{\"amount\":2}"));

        assertThat(records).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("tally-dead");
            assertThat(letter.value()).contains("NO_FACT");
        });
        assertThat(fact("k-3")).isNull();
    }

    @Test
    void aTombstoneLivesInItsFactsPartition() {
        for (String key : List.of("k-1", "order-42", "a@b", "ключ", "")) {
            assertThat(member.getPartitionService().getPartition(new FeedTombstoneKey(NAMESPACE, key)).getPartitionId())
                    .as("the partition of the tombstone of %s", key)
                    .isEqualTo(member.getPartitionService().getPartition(key).getPartitionId());
        }
    }

    private static FeedEvent event(long offset, String key, EventOp op, String factJson) {
        String payload = "{\"op\":\"" + op.name().toLowerCase() + "\"}";
        return new FeedEvent(new SourceRecord(TOPIC, 0, offset, 1_000L + offset, key, payload), "e-" + offset,
                NAMESPACE, key, op, factJson, null, null);
    }

    private static List<OutgoingRecord> apply(FeedEvent event) {
        return applier.apply(event.orderingKey(), event).join();
    }

    private static Map<String, Object> fact(String key) {
        HazelcastJsonValue stored = member.<String, HazelcastJsonValue>getMap(NAMESPACE).get(key);
        if (stored == null) {
            return null;
        }
        Map<String, Object> fact = Facts.parse(stored.getValue());
        fact.remove(GridNames.FEED_LEDGER_FIELD);
        return fact;
    }

    private static HazelcastJsonValue tombstone(String key) {
        return member.<FeedTombstoneKey, HazelcastJsonValue>getMap(GridNames.FEED_TOMBSTONES_MAP)
                .get(new FeedTombstoneKey(NAMESPACE, key));
    }
}
