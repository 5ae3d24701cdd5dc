package io.rulegrid.node.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import io.rulegrid.grid.GridNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The fact namespaces of {@code rulegrid.yaml}: one IMap each, in OBJECT format (entry processors then
 * read the stored JSON value without deserializing it), with backups, indexes, eviction and TTL.
 *
 * @param defaults   options of namespaces created on first use
 * @param namespaces options by namespace name
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record NamespaceSettings(Options defaults, Map<String, Options> namespaces) {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public NamespaceSettings {
        defaults = defaults == null ? new Options(1, null, null, null) : defaults;
        namespaces = namespaces == null ? Map.of() : Map.copyOf(namespaces);
        namespaces.keySet().forEach(GridNames::checkNamespace);
    }

    /**
     * Options of one namespace.
     *
     * @param backupCount synchronous backups (default 1)
     * @param indexes     indexes on fact fields
     * @param ttlSeconds  time to live of a fact, 0 or absent for none
     * @param eviction    eviction, absent for none
     */
    public record Options(@JsonProperty("backup-count") Integer backupCount, List<Index> indexes,
                          @JsonProperty("ttl-seconds") Integer ttlSeconds, Eviction eviction) {
    }

    /** An index on fact fields: {@code HASH}, {@code SORTED} or {@code BITMAP}. */
    public record Index(String type, List<String> attributes) {
    }

    /** Eviction: a policy ({@code LRU}, {@code LFU}, {@code RANDOM}) and a maximum entry count per member. */
    public record Eviction(String policy, @JsonProperty("max-size") Integer maxSize) {
    }

    /** No configured namespaces; every namespace gets the defaults. */
    public static NamespaceSettings none() {
        return new NamespaceSettings(null, null);
    }

    /**
     * Reads {@code rulegrid.yaml}, and checks every option.
     *
     * @throws IllegalArgumentException naming the file, the key and the problem
     */
    public static NamespaceSettings read(Path file) {
        NamespaceSettings settings;
        try {
            settings = YAML.readValue(Files.readString(file), NamespaceSettings.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        settings.check(file);
        return settings;
    }

    private void check(Path file) {
        checked(file, "defaults", defaults);
        namespaces.forEach((name, options) -> checked(file, "namespaces." + name, options));
    }

    private static void checked(Path file, String key, Options options) {
        try {
            mapConfig("*", options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + key + "." + e.getMessage(), e);
        }
    }

    /** Adds the namespaces' map configs, the default ({@code *}) one included, to a member config. */
    public void applyTo(Config config) {
        config.addMapConfig(mapConfig("*", defaults));
        namespaces.forEach((name, options) -> config.addMapConfig(mapConfig(name, options)));
    }

    /** A namespace's map config; an option out of range fails with its key relative to the namespace. */
    private static MapConfig mapConfig(String name, Options options) {
        int backups = options.backupCount() == null ? 1 : options.backupCount();
        if (backups < 0 || backups > MapConfig.MAX_BACKUP_COUNT) {
            throw new IllegalArgumentException("backup-count is " + backups + " but must be 0 to " + MapConfig.MAX_BACKUP_COUNT);
        }
        MapConfig map = new MapConfig(name).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(backups);
        List<Index> indexes = options.indexes() == null ? List.of() : options.indexes();
        for (int i = 0; i < indexes.size(); i++) {
            Index index = indexes.get(i);
            IndexType type = constant(IndexType.class, index.type(), "indexes[" + i + "].type");
            if (index.attributes() == null || index.attributes().isEmpty()) {
                throw new IllegalArgumentException("indexes[" + i + "].attributes must name at least one fact field");
            }
            map.addIndexConfig(new IndexConfig(type, index.attributes().toArray(String[]::new)));
        }
        if (options.ttlSeconds() != null) {
            if (options.ttlSeconds() < 0) {
                throw new IllegalArgumentException("ttl-seconds is " + options.ttlSeconds() + " but must be 0 (none) or more");
            }
            map.setTimeToLiveSeconds(options.ttlSeconds());
        }
        if (options.eviction() != null) {
            EvictionPolicy policy = constant(EvictionPolicy.class, options.eviction().policy(), "eviction.policy");
            Integer size = options.eviction().maxSize();
            if (size == null || size <= 0) {
                throw new IllegalArgumentException("eviction.max-size is " + size + " but must be more than 0");
            }
            map.setEvictionConfig(new EvictionConfig().setEvictionPolicy(policy).setMaxSizePolicy(MaxSizePolicy.PER_NODE)
                    .setSize(size));
        }
        return map;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String value, String key) {
        for (E constant : type.getEnumConstants()) {
            if (value != null && constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(key + " is '" + value + "' but must be one of "
                + java.util.Arrays.toString(type.getEnumConstants()));
    }
}
