package io.rulegrid.node.config;

import io.rulegrid.grid.GridNames;
import io.rulegrid.node.persistence.FactTables;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * RuleGrid's own member configuration, {@code rulegrid.yaml}: what Hazelcast does not configure. Everything
 * Hazelcast configures, the fact namespaces' maps included, is in {@code hazelcast.yaml}.
 *
 * <pre>{@code
 * postgres:
 *   url: jdbc:postgresql://127.0.0.1:5432/rulegrid
 *   user: rulegrid
 * namespaces:
 *   products:
 *     persistent: true
 *     write-delay-seconds: 1
 *   scratch: {}
 * kafka:
 *   bootstrap-servers: 127.0.0.1:9092
 * pipelines:
 *   orders:
 *     topic: order-events
 *     namespace: orders
 *     ruleset: pricing
 *     decisions-topic: order-decisions
 *     dead-letter-topic: order-events-dead
 *     aggregates:                 # read by the rules as agg.orders10m
 *       orders10m:
 *         function: count
 *         window: 10m
 *         by: customer
 * }</pre>
 *
 * @param postgres   where rulesets and persistent namespaces are stored; {@code null} for none (then the
 *                   {@code RULEGRID_PG_*} variables or {@code --embedded} may still give one)
 * @param namespaces the declared fact namespaces by name; a namespace not declared is still created on first use,
 *                   in memory only
 * @param kafka      the Kafka of the pipelines; {@code null} for none (then {@code KAFKA_BROKERS} or
 *                   {@code --embedded} may still give one)
 * @param pipelines  the Kafka event feeds by name; none: the member runs no Jet job and keeps Jet off
 */
public record RuleGridConfig(PostgresConfig postgres, Map<String, NamespaceConfig> namespaces, KafkaConfig kafka,
                             Map<String, PipelineConfig> pipelines) {

    /** A pipeline's name is part of its Jet job's name, {@code rulegrid-pipeline-<name>}. */
    private static final Pattern PIPELINE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    /**
     * @throws InvalidConfigException if a namespace or pipeline name is not valid, or two persistent namespaces
     *                                would share a table
     */
    public RuleGridConfig {
        pipelines = checkedPipelines(pipelines);
        Map<String, NamespaceConfig> declared = new HashMap<>();
        Map<String, String> namespaceByTable = new TreeMap<>();
        if (namespaces != null) {
            new TreeMap<>(namespaces).forEach((name, options) -> {
                try {
                    GridNames.checkNamespace(name);
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigException("rulegrid config", "namespaces." + name, e.getMessage());
                }
                // `products:` with nothing after it declares the namespace with no options
                NamespaceConfig checked = options == null ? NamespaceConfig.inMemory() : options;
                if (checked.persistent()) {
                    claimTable(namespaceByTable, name);
                }
                declared.put(name, checked);
            });
        }
        namespaces = Map.copyOf(declared);
    }

    private static Map<String, PipelineConfig> checkedPipelines(Map<String, PipelineConfig> pipelines) {
        if (pipelines == null) {
            return Map.of();
        }
        for (Map.Entry<String, PipelineConfig> pipeline : new TreeMap<>(pipelines).entrySet()) {
            if (!PIPELINE_NAME.matcher(pipeline.getKey()).matches()) {
                throw new InvalidConfigException("rulegrid config", "pipelines." + pipeline.getKey(), "is not a valid"
                        + " pipeline name; use 1-63 characters a-z, 0-9, '_' or '-', starting with a letter");
            }
            if (pipeline.getValue() == null) {
                throw new InvalidConfigException("rulegrid config", "pipelines." + pipeline.getKey(), "is empty;"
                        + " give topic, namespace, ruleset, decisions-topic and dead-letter-topic");
            }
        }
        return Map.copyOf(pipelines);
    }

    private static void claimTable(Map<String, String> namespaceByTable, String namespace) {
        String table;
        try {
            table = FactTables.tableName(namespace);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("rulegrid config", "namespaces." + namespace + ".persistent", e.getMessage());
        }
        String other = namespaceByTable.putIfAbsent(table, namespace);
        if (other != null) {
            throw new InvalidConfigException("rulegrid config", "namespaces." + namespace + ".persistent",
                    "namespaces '" + other + "' and '" + namespace + "' would share table " + table
                            + " ('-' is written '_'); rename one");
        }
    }

    /** No PostgreSQL, no namespace declared, no pipeline. */
    public static RuleGridConfig empty() {
        return new RuleGridConfig(null, Map.of(), null, Map.of());
    }

    /** The namespaces marked {@code persistent: true}. */
    public Set<String> persistentNamespaces() {
        return namespaces.entrySet().stream().filter(e -> e.getValue().persistent()).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Reads and checks {@code rulegrid.yaml}.
     *
     * @throws InvalidConfigException naming the file, the key path and the problem
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static RuleGridConfig read(Path file) {
        return RuleGridYaml.read(file);
    }
}
