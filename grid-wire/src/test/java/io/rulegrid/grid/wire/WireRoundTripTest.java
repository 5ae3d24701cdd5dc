package io.rulegrid.grid.wire;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.query.Predicates;
import io.rulegrid.grid.DeploymentIncompleteException;
import io.rulegrid.api.CompileError;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.FactNotReturnedException;
import io.rulegrid.api.Output;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every wire type survives a round trip with every field set: written, read back, and written again to the
 * same bytes. This is the contract a rolling restart relies on (old and new members read each other's
 * messages), and it catches a field written but not read, or read in another order.
 */
class WireRoundTripTest {

    private static final ConfiguredPipeline ORDERS_PIPELINE = new ConfiguredPipeline("orders", "order-events", "orders",
            "order-review", "order-decisions", "order-events-dead");

    private final InternalSerializationService serialization = new DefaultSerializationServiceBuilder()
            .addDataSerializableFactory(WireTypes.FACTORY_ID, new WireTypes()).build();

    private static List<IdentifiedDataSerializable> everyType() {
        EvaluationResult result = new EvaluationResult("pricing", List.of("LowMargin", "Books"), List.of("status"),
                List.of(new Output("LowMargin", "alert", Map.of("sku", "A-1"))), Map.of("sku", "A-1", "status", "REVIEW"), false,
                true, 1234);
        BulkSummary summary = new BulkSummary();
        summary.add(EvaluationOutcome.succeeded("products", "A-1", 3, "[127.0.0.1]:5701", result, "{\"sku\":\"A-1\"}"));
        summary.addFailure("B-2", BulkSummary.RETRIABLE, "member left");
        StatsSnapshot stats = new StatsSnapshot();
        StatsSnapshot.RuleSetStats pricing = stats.ruleset("pricing");
        pricing.add(10, 1, 7, new long[] {1, 2, 3});
        pricing.addRule("LowMargin", 5, 1);
        return List.of(
                new RuleEntryProcessor(new EvaluationRequest("products", "pricing", 3, "{\"vip\":true}"),
                        "{\"sku\":\"A-1\"}", true),
                EvaluationOutcome.succeeded("products", "A-1", 3, "[127.0.0.1]:5701", result, "{\"sku\":\"A-1\"}"),
                EvaluationOutcome.failed("products", "B-2", "pricing", "[127.0.0.1]:5702",
                        EvaluationOutcome.Failure.EVALUATION, "LowMargin", "condition failed at 3:5: division by zero"),
                RegistryTask.deploy("pricing.grl", "ruleset \"pricing\""),
                RegistryTask.activate("pricing", 2),
                DeployOutcome.refused("pricing", List.of(new CompileError("pricing.grl", 2, 7, "r", "syntax error"))),
                DeployOutcome.deployed("pricing", 4).withMemberProblems(List.of("member [127.0.0.1]:5702: v4 does not"
                        + " compile on this member")),
                new EvaluatePartitionsTask(new EvaluationRequest("products", "pricing", 2, "{\"vip\":true}"),
                        Predicates.sql("category = 'books'"), new int[] {17}, "run-1"),
                new EvaluatePartitionsTask(new EvaluationRequest("products", "pricing", 0, null), null,
                        new int[] {0, 5, 270}, "run-2"),
                new EvaluateKeysTask(new EvaluationRequest("orders", "payments", 0, null), List.of("o-1", "o-2"),
                        List.of("{\"id\":\"o-1\"}", "{\"id\":\"o-2\"}"), true),
                new EvaluateKeysTask(new EvaluationRequest("orders", "payments", 0, null), List.of("o-1"), null, false),
                new EvaluationOutcomes(List.of(
                        EvaluationOutcome.succeeded("products", "A-1", 2, "m1", result, "{\"sku\":\"A-1\"}"),
                        EvaluationOutcome.failed("products", "A-2", "pricing", "m1",
                                EvaluationOutcome.Failure.NO_FACT, null, "no fact"))),
                summary,
                new StatsTask(),
                stats,
                new RegistryStatusTask(),
                PipelineTask.list(),
                PipelineTask.start("orders"),
                PipelineReport.of("[127.0.0.1]:5701", List.of()),
                PipelineReport.of("[127.0.0.1]:5701", List.of(ORDERS_PIPELINE, new ConfiguredPipeline("audit",
                        "audit-events", "audit", "audit-rules", "audit-decisions", "audit-dead")))
                        .withStarted("orders", 1_234_567_890_123L));
    }

    @Test
    void everyWireTypeReadsBackToTheSameBytes() {
        for (IdentifiedDataSerializable original : everyType()) {
            Data written = serialization.toData(original);
            Object read = serialization.toObject(written);
            Data rewritten = serialization.toData(read);

            assertThat(read).as("%s", original.getClass().getSimpleName()).isInstanceOf(original.getClass());
            assertThat(rewritten.toByteArray()).as("%s", original.getClass().getSimpleName())
                    .isEqualTo(written.toByteArray());
        }
    }

    @Test
    void aClientReadsNoTypeOnlyMembersExchangeAndRunsNoRequest() {
        for (int id : WireTypes.MEMBER_ONLY) {
            assertThatThrownBy(() -> new WireTypes().create(id)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("travels between members only");
        }
        assertThatThrownBy(() -> new StatsTask().call()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runs on a RuleGrid member");
        assertThatThrownBy(() -> new RuleEntryProcessor(new EvaluationRequest("products", "pricing", 0, null), null,
                false)
                .process(Map.entry("A-1", new HazelcastJsonValue("{}")))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runs on a RuleGrid member");
    }

    @Test
    void everyClassIdTheFactoryKnowsIsCovered() {
        WireTypes factory = new WireTypes();
        Set<Integer> known = new TreeSet<>();
        for (int id = 1; id < 100; id++) {
            try {
                factory.create(id);
                known.add(id);
            } catch (IllegalArgumentException unknown) {
                // ids are dense from 1; past the last one the factory refuses
            }
        }

        Set<Integer> covered = everyType().stream().map(IdentifiedDataSerializable::getClassId)
                .collect(Collectors.toCollection(TreeSet::new));
        // the earlier layouts, covered by their own tests below
        covered.add(WireTypes.RULE_ENTRY_PROCESSOR);
        covered.add(WireTypes.EVALUATE_KEYS_TASK);
        assertThat(covered).containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void anEvaluationSaysWhetherItsReplyCarriesTheFact() {
        for (boolean returnFact : new boolean[] {true, false}) {
            RuleEntryProcessor read = serialization.toObject(serialization.toData(new RuleEntryProcessor(
                    new EvaluationRequest("products", "pricing", 0, null), null, returnFact)));

            assertThat(read.getClassId()).isEqualTo(WireTypes.RULE_ENTRY_PROCESSOR_FACT_ON_REQUEST);
            assertThat(read.returnFact()).isEqualTo(returnFact);
        }
    }

    @Test
    void anEvaluationInTheEarlierLayoutReadsBackToTheSameBytesAndAsksForTheFact() {
        Data written = serialization.toData(new EarlierRuleEntryProcessor(
                new EvaluationRequest("products", "pricing", 3, "{\"vip\":true}"), "{\"sku\":\"A-1\"}"));
        RuleEntryProcessor read = serialization.toObject(written);

        assertThat(read.getClassId()).isEqualTo(WireTypes.RULE_ENTRY_PROCESSOR);
        assertThat(read.request()).isEqualTo(new EvaluationRequest("products", "pricing", 3, "{\"vip\":true}"));
        assertThat(read.upsertJson()).isEqualTo("{\"sku\":\"A-1\"}");
        assertThat(read.returnFact()).isTrue();
        assertThat(serialization.toData(read).toByteArray()).isEqualTo(written.toByteArray());
    }

    @Test
    void aBatchInTheEarlierLayoutReadsBackToTheSameBytesAndAsksForTheFacts() {
        Data written = serialization.toData(new EarlierEvaluateKeysTask(
                new EvaluationRequest("orders", "payments", 0, null), List.of("o-1", "o-2"),
                List.of("{\"id\":\"o-1\"}", "{\"id\":\"o-2\"}")));
        EvaluateKeysTask read = serialization.toObject(written);

        assertThat(read.getClassId()).isEqualTo(WireTypes.EVALUATE_KEYS_TASK);
        assertThat(read.keys()).containsExactly("o-1", "o-2");
        assertThat(read.upsertJsons()).containsExactly("{\"id\":\"o-1\"}", "{\"id\":\"o-2\"}");
        assertThat(read.returnFacts()).isTrue();
        assertThat(serialization.toData(read).toByteArray()).isEqualTo(written.toByteArray());
    }

    @Test
    void aBatchSaysWhetherItsOutcomesCarryTheFacts() {
        for (boolean returnFacts : new boolean[] {true, false}) {
            EvaluateKeysTask read = serialization.toObject(serialization.toData(new EvaluateKeysTask(
                    new EvaluationRequest("orders", "payments", 0, null), List.of("o-1"), null, returnFacts)));

            assertThat(read.getClassId()).isEqualTo(WireTypes.EVALUATE_KEYS_TASK_FACT_ON_REQUEST);
            assertThat(read.returnFacts()).isEqualTo(returnFacts);
        }
    }

    @Test
    void aReplyWithoutTheFactSaysSoAndARetractionIsNoMissingFact() {
        EvaluationResult modified = new EvaluationResult("pricing", List.of("LowMargin"), List.of("status"),
                List.of(), Map.of("status", "REVIEW"), false, false, 10);
        EvaluationResult retracting = new EvaluationResult("pricing", List.of("Gone"), List.of(), List.of(), null,
                true, false, 10);

        EvaluationResult lean = serialization.<EvaluationOutcome>toObject(serialization.toData(
                EvaluationOutcome.succeeded("products", "A-1", 1, "[127.0.0.1]:5701", modified, null))).result();
        EvaluationResult retracted = serialization.<EvaluationOutcome>toObject(serialization.toData(
                EvaluationOutcome.succeeded("products", "A-1", 1, "[127.0.0.1]:5701", retracting, null))).result();

        assertThat(lean.factReturned()).isFalse();
        assertThat(lean.modified()).containsExactly("status");
        assertThatThrownBy(lean::fact).isInstanceOf(FactNotReturnedException.class)
                .hasMessageContaining("ruleset \"pricing\"");
        assertThat(retracted.factReturned()).isTrue();
        assertThat(retracted.fact()).isNull();
    }

    @Test
    void failureCodesAreStableAndAnUnknownCodeReadsAsUnknown() {
        for (EvaluationOutcome.Failure failure : EvaluationOutcome.Failure.values()) {
            EvaluationOutcome read = serialization.toObject(serialization.toData(
                    EvaluationOutcome.failed("products", "k", "pricing", "[127.0.0.1]:5701", failure, null, "why")));
            assertThat(read.failure()).isEqualTo(failure);
        }

        assertThat(EvaluationOutcome.Failure.ofWireCode(1)).isEqualTo(EvaluationOutcome.Failure.EVALUATION);
        assertThat(EvaluationOutcome.Failure.ofWireCode(4)).isEqualTo(EvaluationOutcome.Failure.MALFORMED_FACT);
        assertThat(EvaluationOutcome.Failure.ofWireCode(42)).isEqualTo(EvaluationOutcome.Failure.UNKNOWN);
        assertThat(EvaluationOutcome.failed("products", "k", "pricing", "[127.0.0.1]:5701",
                EvaluationOutcome.Failure.UNKNOWN, null, "a newer failure").error())
                .hasMessageContaining("on member [127.0.0.1]:5701 failed in a way this build does not know");
    }

    @Test
    void outcomesKeepWhatTheCallerReadsAfterTheTrip() {
        DeployOutcome incomplete = serialization.toObject(serialization.toData(DeployOutcome.deployed("pricing", 4)
                .withMemberProblems(List.of("member [127.0.0.1]:5702: v4 does not compile on this member"))));
        EvaluationOutcome failed = serialization.toObject(serialization.toData(EvaluationOutcome.failed("products",
                "B-2", "pricing", "[127.0.0.1]:5702", EvaluationOutcome.Failure.EVALUATION, "LowMargin", "boom")));

        assertThatThrownBy(incomplete::version).isInstanceOfSatisfying(DeploymentIncompleteException.class,
                e -> assertThat(e.memberProblems()).containsExactly(
                        "member [127.0.0.1]:5702: v4 does not compile on this member"));
        assertThat(failed.key()).isEqualTo("B-2");
        assertThat(failed.member()).isEqualTo("[127.0.0.1]:5702");
        assertThat(failed.ruleset()).isEqualTo("pricing");
    }

    @Test
    void aPipelineReportKeepsTheConfiguredPipelinesAndTheStartedJob() {
        PipelineReport listed = serialization.toObject(serialization.toData(
                PipelineReport.of("[127.0.0.1]:5701", List.of(ORDERS_PIPELINE))));
        PipelineReport started = serialization.toObject(serialization.toData(listed.withStarted("orders", 42L)));

        assertThat(listed.member()).isEqualTo("[127.0.0.1]:5701");
        assertThat(listed.pipelines()).containsExactly(ORDERS_PIPELINE);
        assertThat(listed.started()).isEmpty();
        assertThat(started.pipelines()).containsExactly(ORDERS_PIPELINE);
        assertThat(started.started()).contains("orders");
        assertThat(started.jobId()).isEqualTo(42L);
    }
}
