package io.rulegrid.grid.wire;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.util.Set;

/**
 * The serialization of everything RuleGrid sends between clients and members. Every wire type is an
 * {@link IdentifiedDataSerializable}: no reflection, no {@code java.io.Serializable} on the wire. Class ids are
 * permanent: a new type gets a new id, a retired id is never reused.
 *
 * <p>This factory creates the data a client sends and reads. A member registers its own factory under the same
 * {@link #FACTORY_ID}, which creates executing subclasses of the requests ({@link RuleEntryProcessor},
 * {@link MemberTask}s) and the types only members exchange ({@link #MEMBER_ONLY}).
 */
public final class WireTypes implements DataSerializableFactory {

    /** RuleGrid's serialization factory id. */
    public static final int FACTORY_ID = 7301;

    /**
     * An evaluation of one fact in the layout before the reply could leave the fact out: the request and the
     * upserted fact, answered with the fact. Clients no longer send it; members read it, for a rolling restart.
     */
    public static final int RULE_ENTRY_PROCESSOR = 1;
    /** Member to member: the value a writing entry processor computed, for its backups. */
    public static final int COMPUTED_VALUE = 2;
    public static final int EVALUATION_OUTCOME = 3;
    public static final int REGISTRY_TASK = 4;
    public static final int DEPLOY_OUTCOME = 5;
    /** Member to member: reload a ruleset record after a registry change. */
    public static final int REFRESH_TASK = 6;
    /** Retired: {@code EvaluateAllTask}, bulk evaluation coordinated by one member; never reuse. */
    public static final int RETIRED_EVALUATE_ALL_TASK = 7;
    public static final int BULK_SUMMARY = 8;
    public static final int STATS_TASK = 9;
    public static final int STATS_SNAPSHOT = 10;
    /** Member to member: an atomic change of a ruleset record. */
    public static final int REGISTRY_UPDATE = 11;
    public static final int REGISTRY_STATUS_TASK = 12;
    /** Retired: {@code EvaluatePartitionTask}, one partition per task; never reuse. */
    public static final int RETIRED_EVALUATE_PARTITION_TASK = 13;
    /**
     * A batch evaluation in the layout before its reply could leave the facts out; clients no longer send it,
     * members read it, for a rolling restart.
     */
    public static final int EVALUATE_KEYS_TASK = 14;
    public static final int EVALUATION_OUTCOMES = 15;
    /** Member to member: the evaluation of one partition's facts, with synchronous backups. */
    public static final int PARTITION_EVALUATION = 16;
    /** Member to member: the evaluation of several keys of one partition, with synchronous backups. */
    public static final int KEYS_EVALUATION = 17;
    /** Member to member: the entry processor of those two operations. */
    public static final int BATCH_EVALUATOR = 18;
    /** Member to member: the values a batch computed for one partition, for its backups. */
    public static final int COMPUTED_VALUES = 19;
    /** An evaluation of one fact: the request, the upserted fact and whether the reply carries the fact. */
    public static final int RULE_ENTRY_PROCESSOR_FACT_ON_REQUEST = 20;
    /** A bulk evaluation of the partitions one member owns, one task per member. */
    public static final int EVALUATE_PARTITIONS_TASK = 21;
    /** A batch evaluation: keys, the upserted facts and whether the outcomes carry the facts. */
    public static final int EVALUATE_KEYS_TASK_FACT_ON_REQUEST = 22;
    /** Member to member: a Kafka feed's event applied to one fact and evaluated, exactly once. */
    public static final int FEED_EVENT_PROCESSOR = 23;
    /** Lists the pipelines a member has configured, or submits one of them by name. */
    public static final int PIPELINE_TASK = 24;
    /** A member's configured pipelines, and the job a start submitted. */
    public static final int PIPELINE_REPORT = 25;
    /** Member to member: what applying a feed's event did. */
    public static final int APPLIED_EVENT = 26;
    /** Member to member: a pipeline's committed source offsets, merged into what is known (highest wins). */
    public static final int COMMITTED_OFFSETS_MERGE = 27;
    /** Member to member: the key of a fact's feed tombstone, partitioned by the fact's key. */
    public static final int FEED_TOMBSTONE_KEY = 28;

    /** The ids of the types only members create and read. */
    public static final Set<Integer> MEMBER_ONLY = Set.of(COMPUTED_VALUE, REFRESH_TASK,
            REGISTRY_UPDATE, PARTITION_EVALUATION, KEYS_EVALUATION, BATCH_EVALUATOR, COMPUTED_VALUES,
            FEED_EVENT_PROCESSOR, APPLIED_EVENT, COMMITTED_OFFSETS_MERGE, FEED_TOMBSTONE_KEY);

    /** Registers the client's wire types on a client's serialization config. */
    public static SerializationConfig register(SerializationConfig config) {
        return config.addDataSerializableFactory(FACTORY_ID, new WireTypes());
    }

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case RULE_ENTRY_PROCESSOR, RULE_ENTRY_PROCESSOR_FACT_ON_REQUEST -> new RuleEntryProcessor(typeId);
            case EVALUATION_OUTCOME -> new EvaluationOutcome();
            case REGISTRY_TASK -> new RegistryTask();
            case DEPLOY_OUTCOME -> new DeployOutcome();
            case EVALUATE_PARTITIONS_TASK -> new EvaluatePartitionsTask();
            case EVALUATE_KEYS_TASK, EVALUATE_KEYS_TASK_FACT_ON_REQUEST -> new EvaluateKeysTask(typeId);
            case EVALUATION_OUTCOMES -> new EvaluationOutcomes();
            case BULK_SUMMARY -> new BulkSummary();
            case STATS_TASK -> new StatsTask();
            case STATS_SNAPSHOT -> new StatsSnapshot();
            case REGISTRY_STATUS_TASK -> new RegistryStatusTask();
            case PIPELINE_TASK -> new PipelineTask();
            case PIPELINE_REPORT -> new PipelineReport();
            default -> throw new IllegalArgumentException(MEMBER_ONLY.contains(typeId)
                    ? "RuleGrid wire type " + typeId + " travels between members only; this JVM registered the client's"
                    + " wire types"
                    : "unknown RuleGrid wire type " + typeId + "; is this member or client of an older RuleGrid build?");
        };
    }
}
