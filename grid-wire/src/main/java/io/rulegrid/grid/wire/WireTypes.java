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
    public static final int EVALUATE_ALL_TASK = 7;
    public static final int BULK_SUMMARY = 8;
    public static final int STATS_TASK = 9;
    public static final int STATS_SNAPSHOT = 10;
    /** Member to member: an atomic change of a ruleset record. */
    public static final int REGISTRY_UPDATE = 11;
    public static final int REGISTRY_STATUS_TASK = 12;
    /** An evaluation of one fact: the request, the upserted fact and whether the reply carries the fact. */
    public static final int RULE_ENTRY_PROCESSOR_FACT_ON_REQUEST = 13;

    /** The ids of the types only members create and read. */
    public static final Set<Integer> MEMBER_ONLY = Set.of(COMPUTED_VALUE, REFRESH_TASK,
            REGISTRY_UPDATE);

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
            case EVALUATE_ALL_TASK -> new EvaluateAllTask();
            case BULK_SUMMARY -> new BulkSummary();
            case STATS_TASK -> new StatsTask();
            case STATS_SNAPSHOT -> new StatsSnapshot();
            case REGISTRY_STATUS_TASK -> new RegistryStatusTask();
            default -> throw new IllegalArgumentException(MEMBER_ONLY.contains(typeId)
                    ? "RuleGrid wire type " + typeId + " travels between members only; this JVM registered the client's"
                    + " wire types"
                    : "unknown RuleGrid wire type " + typeId + "; is this member or client of an older RuleGrid build?");
        };
    }
}
