package io.rulegrid.node.internal.execution;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.rulegrid.grid.wire.WireTypes;
import io.rulegrid.node.internal.GridEngine;
import io.rulegrid.node.pipeline.MemberPipelines;

/**
 * A member's serialization of RuleGrid's wire types: the same ids and bytes as the client's {@link WireTypes},
 * but the requests it reads are the member's subclasses, which execute on this member's engine, and it also
 * reads the types only members exchange. Clients never load a class that executes.
 */
public final class MemberWireTypes implements DataSerializableFactory {

    private final GridEngine engine;
    private final MemberPipelines pipelines;
    private final WireTypes data = new WireTypes();

    private MemberWireTypes(GridEngine engine, MemberPipelines pipelines) {
        this.engine = engine;
        this.pipelines = pipelines;
    }

    /** Registers the wire types of a member without pipelines, bound to its engine, on its serialization config. */
    public static SerializationConfig register(SerializationConfig config, GridEngine engine) {
        return register(config, engine, MemberPipelines.NONE);
    }

    /**
     * Registers the member's wire types, bound to its engine and its configured pipelines, on a member's
     * serialization config.
     */
    public static SerializationConfig register(SerializationConfig config, GridEngine engine,
                                               MemberPipelines pipelines) {
        return config.addDataSerializableFactory(WireTypes.FACTORY_ID, new MemberWireTypes(engine, pipelines));
    }

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case WireTypes.RULE_ENTRY_PROCESSOR, WireTypes.RULE_ENTRY_PROCESSOR_FACT_ON_REQUEST ->
                    new MemberRuleEntryProcessor(engine, typeId);
            case WireTypes.REGISTRY_TASK -> new MemberRegistryTask(engine);
            case WireTypes.EVALUATE_PARTITIONS_TASK -> new MemberEvaluatePartitionsTask(engine);
            case WireTypes.EVALUATE_KEYS_TASK, WireTypes.EVALUATE_KEYS_TASK_FACT_ON_REQUEST ->
                    new MemberEvaluateKeysTask(engine, typeId);
            case WireTypes.STATS_TASK -> new MemberStatsTask(engine);
            case WireTypes.REGISTRY_STATUS_TASK -> new MemberRegistryStatusTask(engine);
            case WireTypes.PIPELINE_TASK -> new MemberPipelineTask(pipelines);
            case WireTypes.COMPUTED_VALUE -> new ComputedValue();
            case WireTypes.REFRESH_TASK -> new RefreshTask(engine);
            case WireTypes.REGISTRY_UPDATE -> new RegistryUpdate();
            case WireTypes.PARTITION_EVALUATION -> new PartitionEvaluation(engine);
            case WireTypes.KEYS_EVALUATION -> new KeysEvaluation();
            case WireTypes.BATCH_EVALUATOR -> new BatchEvaluator(engine);
            case WireTypes.COMPUTED_VALUES -> new ComputedValues(engine);
            case WireTypes.FEED_EVENT_PROCESSOR -> new FeedEventProcessor(engine);
            case WireTypes.APPLIED_EVENT -> new AppliedEvent();
            case WireTypes.COMMITTED_OFFSETS_MERGE -> new CommittedOffsetsMerge();
            case WireTypes.FEED_TOMBSTONE_KEY -> new FeedTombstoneKey();
            default -> data.create(typeId);
        };
    }
}
