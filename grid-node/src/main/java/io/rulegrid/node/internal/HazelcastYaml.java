package io.rulegrid.node.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.YamlConfigBuilder;
import com.hazelcast.internal.config.SchemaViolationConfigurationException;
import io.rulegrid.node.config.InvalidConfigException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A member's {@code hazelcast.yaml}, loaded the way Hazelcast loads it: with Hazelcast's own overrides from
 * {@code HZ_*} environment variables and {@code hz.*} system properties applied over the file. Errors name the
 * file, or the overrides, and the key.
 */
public final class HazelcastYaml {

    /** Where the member defaults are bundled (from {@code config/hazelcast.yaml}, see the grid-node pom). */
    private static final String BUNDLED = "rulegrid/hazelcast.yaml";

    /** Environment variables Hazelcast's override mechanism skips although they start with {@code HZ_}. */
    private static final Set<String> NOT_OVERRIDES = Set.of("HZ_HOME", "HZ_LICENSE_KEY");

    private final String source;
    private final byte[] yaml;

    private HazelcastYaml(String source, byte[] yaml) {
        this.source = source;
        this.yaml = yaml;
    }

    /** A {@code hazelcast.yaml} file. */
    public static HazelcastYaml file(Path file) {
        try {
            return new HazelcastYaml(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }

    /** The member defaults bundled with RuleGrid, used when no {@code hazelcast.yaml} is given. */
    public static HazelcastYaml bundled() {
        try (InputStream in = HazelcastYaml.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + BUNDLED + " is missing from the classpath");
            }
            return new HazelcastYaml("bundled " + BUNDLED, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + BUNDLED + ": " + e, e);
        }
    }

    /** The file this configuration comes from, as errors name it. */
    public String source() {
        return source;
    }

    /**
     * The member configuration: the file, then Hazelcast's {@code HZ_*} / {@code hz.*} overrides over it.
     *
     * @throws InvalidConfigException naming the file and the key, or the overrides, and the problem
     */
    public Config load() {
        // the file alone first, so that an error is blamed on the file or on the overrides, never on the wrong one
        try {
            new YamlConfigBuilder(new ByteArrayInputStream(yaml)).build();
        } catch (SchemaViolationConfigurationException e) {
            throw new InvalidConfigException(source, key(e), violations(e));
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigException(source, "(document)", "not valid YAML: " + rootCause(e));
        }
        try {
            // Config.loadFromStream, unlike YamlConfigBuilder, applies Hazelcast's overrides
            return Config.loadFromStream(new ByteArrayInputStream(yaml));
        } catch (RuntimeException e) {
            String problem = rootCause(e);
            List<String> culprits = culprits(overrides(), problem);
            throw new InvalidConfigException(culprits.isEmpty() ? "Hazelcast overrides" : String.join(", ", culprits),
                    "override of " + source, problem);
        }
    }

    /** The override entries in effect, name to value, by the names they were given. */
    private static Map<String, String> overrides() {
        Map<String, String> entries = new TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("HZ_") && !NOT_OVERRIDES.contains(name)) {
                entries.put(name, value);
            }
        });
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("hz.")) {
                entries.put(name, System.getProperty(name));
            }
        }
        return entries;
    }

    /**
     * The override entries to blame. Hazelcast applies them all at once and does not say which one failed, but
     * its message quotes the bad value: the one entry whose value it quotes, or else every entry.
     */
    private static List<String> culprits(Map<String, String> overrides, String problem) {
        List<String> quoted = overrides.entrySet().stream()
                .filter(entry -> !entry.getValue().isBlank() && problem.contains(entry.getValue()))
                .map(Map.Entry::getKey).toList();
        return quoted.size() == 1 ? quoted : List.copyOf(overrides.keySet());
    }

    /** {@code #/hazelcast/map/products} as {@code map.products}. */
    private static String key(SchemaViolationConfigurationException e) {
        String location = e.getInstanceLocation().replaceFirst("^#/?", "").replaceFirst("^hazelcast/?", "");
        return location.isEmpty() ? "(top level)" : location.replace('/', '.');
    }

    /** Hazelcast's message, or each of several violations with its own key. */
    private static String violations(SchemaViolationConfigurationException e) {
        List<SchemaViolationConfigurationException> leaves = new ArrayList<>();
        collectLeaves(e, leaves);
        if (leaves.size() == 1 && leaves.get(0) == e) {
            return e.getMessage();
        }
        return leaves.stream().map(leaf -> key(leaf) + ": " + leaf.getMessage()).collect(Collectors.joining("; "));
    }

    private static void collectLeaves(SchemaViolationConfigurationException e,
                                      List<SchemaViolationConfigurationException> leaves) {
        if (e.getErrors().isEmpty()) {
            leaves.add(e);
        }
        e.getErrors().forEach(error -> collectLeaves(error, leaves));
    }

    /** The innermost message: Hazelcast wraps the parser's or the setter's own. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
