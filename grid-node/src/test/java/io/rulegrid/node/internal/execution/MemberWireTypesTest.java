package io.rulegrid.node.internal.execution;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.query.Predicates;
import io.rulegrid.grid.wire.EarlierEvaluateKeysTask;
import io.rulegrid.grid.wire.EarlierRuleEntryProcessor;
import io.rulegrid.grid.wire.EvaluateKeysTask;
import io.rulegrid.grid.wire.EvaluatePartitionsTask;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.grid.wire.PipelineTask;
import io.rulegrid.grid.wire.RegistryStatusTask;
import io.rulegrid.grid.wire.RegistryTask;
import io.rulegrid.grid.wire.RuleEntryProcessor;
import io.rulegrid.grid.wire.StatsTask;
import io.rulegrid.grid.wire.WireTypes;
import io.rulegrid.node.internal.GridEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client and a member use different classes for the same wire ids: the client's hold data, the member's
 * execute. They must agree on every byte, or every call (and a rolling restart) breaks.
 */
class MemberWireTypesTest {

    private final GridEngine engine = new GridEngine();
    private final SerializationConfig memberConfig = MemberWireTypes.register(new SerializationConfig(), engine);
    private final InternalSerializationService client = new DefaultSerializationServiceBuilder()
            .setConfig(WireTypes.register(new SerializationConfig())).build();
    private final InternalSerializationService member = new DefaultSerializationServiceBuilder()
            .setConfig(memberConfig).build();

    private static List<IdentifiedDataSerializable> requestsClientsSend() {
        return List.of(
                new RuleEntryProcessor(new EvaluationRequest("products", "pricing", 3, "{\"vip\":true}"),
                        "{\"sku\":\"A-1\"}", true),
                new RuleEntryProcessor(new EvaluationRequest("products", "pricing", 0, null), null, false),
                RegistryTask.deploy("pricing.grl", "ruleset \"pricing\""),
                RegistryTask.activate("pricing", 2),
                new EvaluatePartitionsTask(new EvaluationRequest("products", "pricing", 0, null),
                        Predicates.sql("category = 'books'"), new int[] {3, 17, 270}, "run-1"),
                new EvaluateKeysTask(new EvaluationRequest("orders", "payments", 0, null), List.of("o-1"),
                        List.of("{\"id\":\"o-1\"}"), false),
                new StatsTask(),
                new RegistryStatusTask(),
                PipelineTask.list(),
                PipelineTask.start("orders"));
    }

    private List<IdentifiedDataSerializable> typesOnlyMembersExchange() {
        return List.of(
                new ComputedValue(new HazelcastJsonValue("{\"sku\":\"A-1\"}")),
                new ComputedValue(null),
                new RefreshTask(engine, "pricing"),
                RegistryUpdate.append("pricing.grl", "ruleset \"pricing\"", 1_700_000_000_000L, "127.0.0.1:5701"),
                RegistryUpdate.activate(3, 1_700_000_000_000L, "127.0.0.1:5701"),
                BatchEvaluator.forPartition(engine, new EvaluationRequest("products", "pricing", 0, null), 5, "run-1"),
                BatchEvaluator.forKeys(engine, new EvaluationRequest("orders", "payments", 0, null),
                        java.util.Map.of("o-1", "{\"id\":\"o-1\"}")),
                computedValues(),
                new FeedEventProcessor(engine, new EvaluationRequest("orders", "review", 0, null), EventOp.PATCH,
                        "{\"status\":\"PAID\"}", "order-events/3", 41, 39, "{\"orders10m\":4}"),
                new FeedEventProcessor(engine, new EvaluationRequest("orders", "review", 0, null), EventOp.DELETE,
                        null, null, 7, -1, null),
                new FeedTombstoneKey("orders", "o-1"),
                new FeedEventProcessor(engine, new EvaluationRequest("orders", "review", 0, null), EventOp.DELETE,
                        null, "order-events/0", 9, -1, null)
                        .withTombstone(AppliedEvent.writeTombstoneOfRetracted("{\"order-events/0\":{\"offset\":9}}",
                                42L)),
                AppliedEvent.writeTombstone("{\"order-events/0\":{\"offset\":9}}"),
                AppliedEvent.writeTombstoneOfRetracted("{\"order-events/0\":{\"offset\":9}}", -7L),
                AppliedEvent.applied(3, 1_700_000_000_000L, "[{\"rule\":\"Big\",\"type\":\"review\",\"value\":150}]"),
                AppliedEvent.appliedBefore(null),
                AppliedEvent.failed("NO_FACT: no fact o-1"),
                new CommittedOffsetsMerge(java.util.Map.of("order-events/0", 41L, "order-events/1", 7L)));
    }

    /**
     * Hazelcast operations: they read back only inside a running member (Hazelcast looks up the member's context
     * while reading them), where the bulk tests run them forwarded between members.
     */
    private List<IdentifiedDataSerializable> operationsOnlyMembersRun() {
        return List.of(
                new PartitionEvaluation(engine, "products",
                        BatchEvaluator.forPartition(engine, new EvaluationRequest("products", "pricing", 0, null), 5,
                                "run-1"), Predicates.sql("category = 'books'")),
                new KeysEvaluation("orders", Set.of(member.toData("o-1")),
                        BatchEvaluator.forKeys(engine, new EvaluationRequest("orders", "payments", 0, null), null)));
    }

    private ComputedValues computedValues() {
        ComputedValues values = new ComputedValues(engine, 5, "run-1");
        values.put("A-1", new HazelcastJsonValue("{\"sku\":\"A-1\"}"));
        values.put("A-2", null);
        return values.withSummary(new io.rulegrid.grid.wire.BulkSummary());
    }

    @Test
    void aMemberReadsEveryClientRequestAsItsExecutingSubclassWithTheSameBytes() {
        for (IdentifiedDataSerializable request : requestsClientsSend()) {
            Data sent = client.toData(request);
            Object received = member.toObject(sent);

            assertThat(received).as("%s", request.getClass().getSimpleName())
                    .isInstanceOf(request.getClass()).isNotExactlyInstanceOf(request.getClass());
            assertThat(received.getClass().getPackageName()).isEqualTo(MemberWireTypes.class.getPackageName());
            assertThat(member.toData(received).toByteArray()).as("%s", request.getClass().getSimpleName())
                    .isEqualTo(sent.toByteArray());
        }
    }

    @Test
    void aMemberReadsAnEvaluationAClientOfAnEarlierBuildSentWithTheSameBytes() {
        Data sent = client.toData(new EarlierRuleEntryProcessor(new EvaluationRequest("products", "pricing", 3,
                "{\"vip\":true}"), "{\"sku\":\"A-1\"}"));
        Object received = member.toObject(sent);

        // that it then answers with the fact is the layout's reading, checked in grid-wire's WireRoundTripTest
        assertThat(received).isInstanceOfSatisfying(MemberRuleEntryProcessor.class, evaluation ->
                assertThat(evaluation.getClassId()).isEqualTo(WireTypes.RULE_ENTRY_PROCESSOR));
        assertThat(member.toData(received).toByteArray()).isEqualTo(sent.toByteArray());
    }

    @Test
    void aMemberReadsABatchAClientOfAnEarlierBuildSentWithTheSameBytes() {
        Data sent = client.toData(new EarlierEvaluateKeysTask(new EvaluationRequest("orders", "payments", 0, null),
                List.of("o-1"), List.of("{\"id\":\"o-1\"}")));
        Object received = member.toObject(sent);

        assertThat(received).isInstanceOfSatisfying(MemberEvaluateKeysTask.class, batch ->
                assertThat(batch.getClassId()).isEqualTo(WireTypes.EVALUATE_KEYS_TASK));
        assertThat(member.toData(received).toByteArray()).isEqualTo(sent.toByteArray());
    }

    @Test
    void typesOnlyMembersExchangeReadBackToTheSameBytes() {
        for (IdentifiedDataSerializable original : typesOnlyMembersExchange()) {
            Data written = member.toData(original);
            Object read = member.toObject(written);

            assertThat(read).isExactlyInstanceOf(original.getClass());
            assertThat(member.toData(read).toByteArray()).as("%s", original.getClass().getSimpleName())
                    .isEqualTo(written.toByteArray());
        }
    }

    @Test
    void aMemberKnowsEveryIdAClientKnowsAndTheMemberOnlyOnes() {
        Set<Integer> clientIds = known(new WireTypes());
        Set<Integer> memberIds = known(memberConfig.getDataSerializableFactories().get(WireTypes.FACTORY_ID));

        assertThat(memberIds).containsExactlyInAnyOrderElementsOf(
                Stream.concat(clientIds.stream(), WireTypes.MEMBER_ONLY.stream()).collect(Collectors.toSet()));
        assertThat(Stream.concat(typesOnlyMembersExchange().stream(), operationsOnlyMembersRun().stream())
                .map(IdentifiedDataSerializable::getClassId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(WireTypes.MEMBER_ONLY);
    }

    @Test
    void operationsOnlyMembersRunAreWrittenAndCreatedAsThemselves() {
        DataSerializableFactory factory = memberConfig.getDataSerializableFactories().get(WireTypes.FACTORY_ID);
        for (IdentifiedDataSerializable operation : operationsOnlyMembersRun()) {
            assertThat(member.toData(operation).getType()).isNotZero();
            assertThat(factory.create(operation.getClassId())).isExactlyInstanceOf(operation.getClass());
        }
    }

    private static Set<Integer> known(DataSerializableFactory factory) {
        Set<Integer> ids = new TreeSet<>();
        for (int id = 1; id < 100; id++) {
            try {
                factory.create(id);
                ids.add(id);
            } catch (IllegalArgumentException unknown) {
                // past the last id the factories refuse
            }
        }
        return ids;
    }
}
