package io.rulegrid.node.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.SerializationConfig;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.WireTypes;
import io.rulegrid.node.config.InvalidConfigException;

/**
 * What every RuleGrid member needs whatever its {@code hazelcast.yaml} says. A YAML setting that contradicts it
 * is refused, naming the file and the key, rather than silently replaced: the operator wrote it for a reason
 * and must learn it has no effect.
 * <ul>
 *   <li>Fact namespace maps are in OBJECT format: a rule reads and updates the stored fact in place in an
 *       entry processor, and the backup receives the computed value object.</li>
 *   <li>A namespace created on first use gets such a map too: {@code map.default} (or {@code map."*"}) exists.</li>
 *   <li>RuleGrid's wire types are registered under {@link WireTypes#FACTORY_ID}, which no YAML factory takes.</li>
 *   <li>Java deserialization is limited to Hazelcast's defaults, {@code io.rulegrid.} classes and the one Kafka
 *       class the pipelines' snapshots hold ({@link #KAFKA_SNAPSHOT_CLASS}).</li>
 *   <li>No client can make members run code of its own: Jet's resource upload and Hazelcast's user code
 *       deployment are off, so a Jet job can only use classes the members already have (see
 *       {@code docs/security.md}).</li>
 * </ul>
 */
public final class MemberRequirements {

    /** Hazelcast's fallback map config, and so the one of namespaces no other map config matches. */
    private static final String DEFAULT_MAP = "default";
    private static final String ANY_MAP = "*";
    /**
     * The key of the offsets a Jet Kafka source keeps in its snapshots, a Java-serialized Kafka class: refused, a
     * pipeline's job could not be restored from a snapshot (after a stop, a member loss or a rescale) and would fail
     * instead. A topic name and a partition number; deserializing it runs no code.
     */
    public static final String KAFKA_SNAPSHOT_CLASS = "org.apache.kafka.common.TopicPartition";

    private MemberRequirements() {
    }

    /**
     * Checks a member config and adds RuleGrid's serialization filter to it (the member registers its wire types
     * when it starts, bound to its engine).
     *
     * @param source the file the config was read from, as errors name it
     * @throws InvalidConfigException naming the file, the key and the problem
     */
    public static void enforce(Config config, String source) {
        checkFactMaps(config, source);
        checkSerialization(config.getSerializationConfig(), source);
        checkNoCodeUpload(config, source);
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig().setDefaultsDisabled(false);
        filter.getWhitelist().addPrefixes("io.rulegrid.").addClasses(KAFKA_SNAPSHOT_CLASS);
        config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
    }

    private static void checkFactMaps(Config config, String source) {
        for (MapConfig map : config.getMapConfigs().values()) {
            String name = map.getName();
            if (name.startsWith("rulegrid.")) {
                continue;  // RuleGrid's own maps, not fact namespaces
            }
            if (!name.equals(DEFAULT_MAP) && !name.contains("*")) {
                try {
                    GridNames.checkNamespace(name);
                } catch (IllegalArgumentException e) {
                    // such a map config would never apply to a namespace: most likely a misspelt one
                    throw new InvalidConfigException(source, "map." + name, e.getMessage());
                }
            }
            if (map.getInMemoryFormat() != InMemoryFormat.OBJECT) {
                throw new InvalidConfigException(source, "map." + name + ".in-memory-format", "is "
                        + map.getInMemoryFormat() + " (Hazelcast's default when absent) but a fact namespace map"
                        + " must be OBJECT: rules read and update the stored fact in place");
            }
        }
        if (!config.getMapConfigs().containsKey(DEFAULT_MAP) && !config.getMapConfigs().containsKey(ANY_MAP)) {
            throw new InvalidConfigException(source, "map." + DEFAULT_MAP, "is missing, so namespaces created on first"
                    + " use would get Hazelcast's BINARY default; add map.default with in-memory-format: OBJECT");
        }
    }

    private static void checkSerialization(SerializationConfig serialization, String source) {
        if (serialization.getDataSerializableFactoryClasses().containsKey(WireTypes.FACTORY_ID)
                || serialization.getDataSerializableFactories().containsKey(WireTypes.FACTORY_ID)) {
            throw new InvalidConfigException(source, "serialization.data-serializable-factories", "factory-id "
                    + WireTypes.FACTORY_ID + " is RuleGrid's wire types; give this factory another id");
        }
        if (serialization.getJavaSerializationFilterConfig() != null) {
            throw new InvalidConfigException(source, "serialization.java-serialization-filter", "RuleGrid sets this"
                    + " itself (Hazelcast's defaults, io.rulegrid. classes and Kafka's TopicPartition only); remove it");
        }
    }

    // user code deployment is deprecated for removal in 5.6 but still works, so it must be refused while it exists
    @SuppressWarnings("removal")
    private static void checkNoCodeUpload(Config config, String source) {
        if (config.getJetConfig().isResourceUploadEnabled()) {
            throw new InvalidConfigException(source, "jet.resource-upload-enabled", "is true (in the file, or by"
                    + " HZ_JET_RESOURCEUPLOADENABLED or -Dhz.jet.resource-upload-enabled) but must be false: with it"
                    + " any client that reaches a member can make every member run classes and jars of its own;"
                    + " see docs/security.md");
        }
        if (config.getUserCodeDeploymentConfig().isEnabled()) {
            throw new InvalidConfigException(source, "user-code-deployment.enabled", "is true but must be false:"
                    + " with it any client that reaches a member can send classes for the members to load and run;"
                    + " see docs/security.md");
        }
    }
}
