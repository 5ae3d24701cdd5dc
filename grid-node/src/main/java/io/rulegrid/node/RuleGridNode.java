package io.rulegrid.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.YamlConfigBuilder;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.rulegrid.node.internal.GridEngine;
import io.rulegrid.node.internal.NamespaceSettings;
import io.rulegrid.node.internal.execution.MemberWireTypes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A RuleGrid member: a Hazelcast member that holds fact namespaces and evaluates rulesets on the facts it
 * owns. Built from {@code hazelcast.yaml} and {@code rulegrid.yaml} (or the bundled defaults), with
 * per-deployment overrides from the environment or the builder.
 *
 * <pre>{@code
 * try (RuleGridNode node = RuleGridNode.builder().clusterName("dev").port(5701).start()) { ... }
 * }</pre>
 */
public final class RuleGridNode implements AutoCloseable {

    /** Environment variable: the cluster name. */
    public static final String ENV_CLUSTER_NAME = "RULEGRID_CLUSTER_NAME";
    /** Environment variable: the member's first port. */
    public static final String ENV_PORT = "RULEGRID_PORT";
    /** Environment variable: tcp-ip members to join, comma separated {@code host[:port]}. */
    public static final String ENV_MEMBERS = "RULEGRID_MEMBERS";
    /** Environment variable: a Kubernetes headless service DNS name; switches the join to Kubernetes discovery. */
    public static final String ENV_KUBERNETES_SERVICE_DNS = "RULEGRID_KUBERNETES_SERVICE_DNS";

    private final HazelcastInstance hazelcast;

    private RuleGridNode(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The underlying Hazelcast member. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** This member's address, {@code host:port}. */
    public String address() {
        return hazelcast.getCluster().getLocalMember().getAddress().toString();
    }

    /** Leaves the cluster gracefully: its partitions migrate to the other members first, nothing is lost. */
    @Override
    public void close() {
        hazelcast.shutdown();
    }

    /** Builds a member. Every setter overrides the configuration files and the environment. */
    public static final class Builder {
        private Path hazelcastYaml;
        private Path rulegridYaml;
        private Map<String, String> environment = Map.of();
        private final Map<String, String> overrides = new HashMap<>();

        private Builder() {
        }

        /** The member configuration; the bundled {@code hazelcast.yaml} when not set. */
        public Builder hazelcastYaml(Path file) {
            this.hazelcastYaml = Objects.requireNonNull(file, "file");
            return this;
        }

        /** The namespaces; every namespace gets the defaults when not set. */
        public Builder rulegridYaml(Path file) {
            this.rulegridYaml = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Reads the {@code RULEGRID_*} overrides from these variables (usually {@code System.getenv()}). */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        public Builder clusterName(String clusterName) {
            overrides.put(ENV_CLUSTER_NAME, clusterName);
            return this;
        }

        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port is " + port + " but must be in 1..65535");
            }
            overrides.put(ENV_PORT, Integer.toString(port));
            return this;
        }

        /** tcp-ip members to join, {@code host[:port]}. */
        public Builder members(String... members) {
            overrides.put(ENV_MEMBERS, String.join(",", members));
            return this;
        }

        /** The member configuration this builder would start with. */
        public Config config() {
            Config config = loadHazelcastConfig();
            Map<String, String> settings = new HashMap<>(environment);
            settings.putAll(overrides);
            applyOverrides(config, settings);
            (rulegridYaml == null ? NamespaceSettings.none() : NamespaceSettings.read(rulegridYaml)).applyTo(config);
            harden(config);
            return config;
        }

        /** Starts the member and waits until it has joined and loaded the ruleset registry. */
        public RuleGridNode start() {
            Config config = config();
            GridEngine engine = new GridEngine();
            MemberWireTypes.register(config.getSerializationConfig(), engine);
            HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
            try {
                engine.start(hazelcast);
            } catch (RuntimeException e) {
                hazelcast.getLifecycleService().terminate();
                throw e;
            }
            return new RuleGridNode(hazelcast);
        }

        private Config loadHazelcastConfig() {
            if (hazelcastYaml != null) {
                try (InputStream in = Files.newInputStream(hazelcastYaml)) {
                    return new YamlConfigBuilder(in).build();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + hazelcastYaml + ": " + e.getMessage(), e);
                }
            }
            InputStream bundled = RuleGridNode.class.getResourceAsStream("/rulegrid/hazelcast.yaml");
            if (bundled == null) {
                throw new IllegalStateException("the bundled rulegrid/hazelcast.yaml is missing from the classpath");
            }
            return new YamlConfigBuilder(bundled).build();
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value.trim());
                if (port >= 1 && port <= 65_535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below, naming the variable
            }
            throw new IllegalArgumentException(ENV_PORT + " is '" + value + "' but must be a port number, 1 to 65535");
        }

        /** Member addresses, {@code host} or {@code host:port}, comma separated. */
        private static List<String> members(String value) {
            List<String> members = new ArrayList<>();
            for (String member : value.split(",")) {
                String address = member.trim();
                int colon = address.lastIndexOf(':');
                boolean portOk = colon < 0 || address.substring(colon + 1).matches("[0-9]{1,5}")
                        && Integer.parseInt(address.substring(colon + 1)) >= 1
                        && Integer.parseInt(address.substring(colon + 1)) <= 65_535;
                if (address.isEmpty() || colon == 0 || !portOk) {
                    throw new IllegalArgumentException(ENV_MEMBERS + " is '" + value + "' but '" + address
                            + "' is no member address; write host or host:port, comma separated");
                }
                members.add(address);
            }
            return members;
        }

        private static void applyOverrides(Config config, Map<String, String> settings) {
            if (settings.containsKey(ENV_CLUSTER_NAME)) {
                config.setClusterName(settings.get(ENV_CLUSTER_NAME));
            }
            if (settings.containsKey(ENV_PORT)) {
                config.getNetworkConfig().setPort(port(settings.get(ENV_PORT)));
            }
            JoinConfig join = config.getNetworkConfig().getJoin();
            if (settings.containsKey(ENV_MEMBERS)) {
                join.getTcpIpConfig().setEnabled(true).setMembers(members(settings.get(ENV_MEMBERS)));
            }
            if (settings.containsKey(ENV_KUBERNETES_SERVICE_DNS)) {
                join.getTcpIpConfig().setEnabled(false);
                join.getMulticastConfig().setEnabled(false);
                join.getKubernetesConfig().setEnabled(true)
                        .setProperty("service-dns", settings.get(ENV_KUBERNETES_SERVICE_DNS));
                config.getNetworkConfig().getInterfaces().setEnabled(false);
                config.setProperty("hazelcast.socket.bind.any", "true");
            }
        }

        /** What every RuleGrid member needs whatever its YAML says: no arbitrary Java deserialization. */
        private static void harden(Config config) {
            JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig().setDefaultsDisabled(false);
            filter.getWhitelist().addPrefixes("io.rulegrid.");
            config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
        }
    }
}
