package io.rulegrid.grid.wire;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * The serialization of everything RuleGrid sends between clients and members. Every wire type is an
 * {@link IdentifiedDataSerializable} created here: no reflection, no {@code java.io.Serializable} on the
 * wire. Class ids are permanent: a new type gets a new id, a retired id is never reused.
 */
public final class WireTypes implements DataSerializableFactory {

    /** RuleGrid's serialization factory id. */
    public static final int FACTORY_ID = 7301;

    static final int RULE_ENTRY_PROCESSOR = 1;
    static final int COMPUTED_VALUE = 2;
    static final int EVALUATION_OUTCOME = 3;
    static final int REGISTRY_TASK = 4;
    static final int DEPLOY_OUTCOME = 5;
    static final int REFRESH_TASK = 6;
    static final int EVALUATE_ALL_TASK = 7;
    static final int BULK_SUMMARY = 8;
    static final int STATS_TASK = 9;
    static final int STATS_SNAPSHOT = 10;
    static final int REGISTRY_UPDATE = 11;
    static final int REGISTRY_STATUS_TASK = 12;

    /** Registers RuleGrid's wire types on a member's or a client's serialization config. */
    public static SerializationConfig register(SerializationConfig config) {
        return config.addDataSerializableFactory(FACTORY_ID, new WireTypes());
    }

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case RULE_ENTRY_PROCESSOR -> new RuleEntryProcessor();
            case COMPUTED_VALUE -> new ComputedValue();
            case EVALUATION_OUTCOME -> new EvaluationOutcome();
            case REGISTRY_TASK -> new RegistryTask();
            case DEPLOY_OUTCOME -> new DeployOutcome();
            case REFRESH_TASK -> new RefreshTask();
            case EVALUATE_ALL_TASK -> new EvaluateAllTask();
            case BULK_SUMMARY -> new BulkSummary();
            case STATS_TASK -> new StatsTask();
            case STATS_SNAPSHOT -> new StatsSnapshot();
            case REGISTRY_UPDATE -> new RegistryUpdate();
            case REGISTRY_STATUS_TASK -> new RegistryStatusTask();
            default -> throw new IllegalArgumentException("unknown RuleGrid wire type " + typeId
                    + "; is this member or client of an older RuleGrid build?");
        };
    }
}
