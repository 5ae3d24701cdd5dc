package io.rulegrid.node.config;

import io.rulegrid.grid.GridNames;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * RuleGrid's own member configuration, {@code rulegrid.yaml}: what Hazelcast does not configure. Everything
 * Hazelcast configures, the fact namespaces' maps included, is in {@code hazelcast.yaml}.
 *
 * <pre>{@code
 * namespaces:
 *   products: {}
 * }</pre>
 *
 * @param namespaces the declared fact namespaces by name; a namespace not declared is still created on first use
 */
public record RuleGridConfig(Map<String, NamespaceConfig> namespaces) {

    /**
     * @throws InvalidConfigException if a namespace name is not valid
     */
    public RuleGridConfig {
        Map<String, NamespaceConfig> declared = new HashMap<>();
        if (namespaces != null) {
            namespaces.forEach((name, options) -> {
                try {
                    GridNames.checkNamespace(name);
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigException("rulegrid config", "namespaces." + name, e.getMessage());
                }
                // `products:` with nothing after it declares the namespace with no options
                declared.put(name, options == null ? new NamespaceConfig() : options);
            });
        }
        namespaces = Map.copyOf(declared);
    }

    /** No namespace declared. */
    public static RuleGridConfig empty() {
        return new RuleGridConfig(Map.of());
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
