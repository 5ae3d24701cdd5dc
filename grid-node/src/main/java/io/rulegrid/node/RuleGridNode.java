package io.rulegrid.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.rulegrid.node.config.InvalidConfigException;
import io.rulegrid.node.config.KafkaConfig;
import io.rulegrid.node.config.PostgresConfig;
import io.rulegrid.node.config.RuleGridConfig;
import io.rulegrid.node.internal.GridEngine;
import io.rulegrid.node.internal.HazelcastYaml;
import io.rulegrid.node.internal.MemberAddresses;
import io.rulegrid.node.internal.MemberRequirements;
import io.rulegrid.node.internal.execution.MemberWireTypes;
import io.rulegrid.node.persistence.Persistence;
import io.rulegrid.node.pipeline.EventPipelines;
import io.rulegrid.node.pipeline.MemberPipelines;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A RuleGrid member: a Hazelcast member that holds fact namespaces and evaluates rulesets on the facts it
 * owns. Configured, from lowest to highest precedence, by {@code hazelcast.yaml} (or the bundled defaults) and
 * {@code rulegrid.yaml}, Hazelcast's own {@code HZ_*} environment variables and {@code hz.*} system properties
 * (e.g. {@code HZ_CLUSTERNAME}, {@code HZ_NETWORK_PORT_PORT}), the two {@code RULEGRID_*} variables below for
 * what those cannot express, the {@code RULEGRID_PG_*} variables of {@link PostgresConfig}, and the builder.
 * With a PostgreSQL (from {@code rulegrid.yaml}, the variables or the builder), rulesets and the namespaces
 * marked persistent are stored there (see {@code docs/persistence.md}); without one, everything is in memory.
 * With pipelines in {@code rulegrid.yaml}, the member turns Jet on and runs them (see {@code docs/pipelines.md});
 * without, Jet stays off.
 *
 * <pre>{@code
 * try (RuleGridNode node = RuleGridNode.builder().clusterName("dev").port(5701).start()) { ... }
 * }</pre>
 */
public final class RuleGridNode implements AutoCloseable {

    /**
     * Environment variable: the tcp-ip members to join, {@code host[:port]} comma separated; replaces the
     * file's member list. Hazelcast's own {@code HZ_NETWORK_JOIN_TCPIP_MEMBERS} cannot: in 5.6 it adds to the
     * file's list, so a member would still probe the file's members too.
     */
    public static final String ENV_MEMBERS = "RULEGRID_MEMBERS";
    /**
     * Environment variable: a Kubernetes headless service DNS name; switches the join from tcp-ip to Kubernetes
     * discovery and binds to the pod's address. Hazelcast's environment overrides cannot: a variable name has no
     * dash, so {@code HZ_NETWORK_JOIN_KUBERNETES_SERVICEDNS} sets a property {@code servicedns} the discovery
     * does not know, and the switch needs tcp-ip and the 127.0.0.1 interface off and bind-any on as well.
     */
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
        private String clusterName;
        private Integer port;
        private List<String> members;
        private PostgresConfig postgres;
        private String fallbackKafka;

        private Builder() {
        }

        /** The member configuration; the bundled {@code hazelcast.yaml} when not set. */
        public Builder hazelcastYaml(Path file) {
            this.hazelcastYaml = Objects.requireNonNull(file, "file");
            return this;
        }

        /** RuleGrid's configuration, the declared namespaces; none declared when not set. */
        public Builder rulegridYaml(Path file) {
            this.rulegridYaml = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Reads {@link #ENV_MEMBERS} and {@link #ENV_KUBERNETES_SERVICE_DNS} from these variables (usually
         * {@code System.getenv()}). Hazelcast reads its {@code HZ_*} variables from the process itself.
         */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
            return this;
        }

        public Builder port(int port) {
            if (port < 1 || port > 65_535) {
                throw new InvalidConfigException("port(" + port + ")", "network.port.port", "must be 1 to 65535");
            }
            this.port = port;
            return this;
        }

        /** tcp-ip members to join, {@code host[:port]}; replaces the file's member list. */
        public Builder members(String... members) {
            this.members = MemberAddresses.parse("members(...)", String.join(",", members));
            return this;
        }

        /** The PostgreSQL to persist to, over rulegrid.yaml's {@code postgres:} and the {@code RULEGRID_PG_*} variables. */
        public Builder postgres(PostgresConfig postgres) {
            this.postgres = Objects.requireNonNull(postgres, "postgres");
            return this;
        }

        /**
         * The Kafka of the pipelines when neither {@link KafkaConfig#ENV_BROKERS} nor rulegrid.yaml's {@code kafka:}
         * gives one: {@code --embedded}'s broker, which must not override a Kafka the operator configured.
         */
        public Builder fallbackKafka(String bootstrapServers) {
            this.fallbackKafka = new KafkaConfig(bootstrapServers).bootstrapServers();
            return this;
        }

        /**
         * The member configuration this builder would start with, without the MapStores (they need the database).
         *
         * @throws InvalidConfigException naming the file or variable, the key and the problem
         */
        public Config config() {
            HazelcastYaml yaml = hazelcastYamlSource();
            Config config = yaml.load();
            RuleGridConfig ruleGrid = ruleGridConfig();
            postgresConfig(ruleGrid);
            if (kafkaConfig(ruleGrid) != null) {
                // only pipelines need Jet, and with it on any client that reaches a member can run jobs (docs/security.md)
                config.getJetConfig().setEnabled(true);
            }
            applyEnvironment(config);
            if (clusterName != null) {
                config.setClusterName(clusterName);
            }
            if (port != null) {
                config.getNetworkConfig().setPort(port);
            }
            if (members != null) {
                config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).setMembers(members);
            }
            MemberRequirements.enforce(config, yaml.source());
            return config;
        }

        /**
         * RuleGrid's configuration this builder would start with.
         *
         * @throws InvalidConfigException naming the file, the key and the problem
         */
        public RuleGridConfig ruleGridConfig() {
            return rulegridYaml == null ? RuleGridConfig.empty() : RuleGridConfig.read(rulegridYaml);
        }

        /**
         * The PostgreSQL this builder would start with: the builder's, else rulegrid.yaml's {@code postgres:} with
         * the {@code RULEGRID_PG_*} variables over it; {@code null} for none.
         *
         * @throws InvalidConfigException if a namespace is persistent and there is no PostgreSQL
         */
        public PostgresConfig postgresConfig(RuleGridConfig ruleGrid) {
            PostgresConfig resolved = postgres != null ? postgres
                    : PostgresConfig.withEnvironment(ruleGrid.postgres(), environment);
            if (resolved == null && !ruleGrid.persistentNamespaces().isEmpty()) {
                String namespace = ruleGrid.persistentNamespaces().stream().sorted().findFirst().orElseThrow();
                throw new InvalidConfigException(rulegridYaml == null ? "rulegrid config" : rulegridYaml.toString(),
                        "namespaces." + namespace + ".persistent", "needs a PostgreSQL, and there is none: add a"
                        + " postgres: section, set " + PostgresConfig.ENV_URL + " (with " + PostgresConfig.ENV_USER
                        + ", " + PostgresConfig.ENV_PASSWORD + "), or start the member with --embedded");
            }
            return resolved;
        }

        /**
         * The Kafka the pipelines use: {@link KafkaConfig#ENV_BROKERS}, else rulegrid.yaml's {@code kafka:}, else the
         * {@link #fallbackKafka}; {@code null} when there is no pipeline.
         *
         * @throws InvalidConfigException if there are pipelines and no Kafka
         */
        public KafkaConfig kafkaConfig(RuleGridConfig ruleGrid) {
            if (ruleGrid.pipelines().isEmpty()) {
                return null;
            }
            KafkaConfig resolved = KafkaConfig.withEnvironment(ruleGrid.kafka(), environment);
            if (resolved == null && fallbackKafka != null) {
                resolved = new KafkaConfig(fallbackKafka);
            }
            if (resolved == null) {
                String pipeline = ruleGrid.pipelines().keySet().stream().sorted().findFirst().orElseThrow();
                throw new InvalidConfigException(rulegridYaml == null ? "rulegrid config" : rulegridYaml.toString(),
                        "kafka.bootstrap-servers", "pipeline '" + pipeline + "' needs a Kafka, and there is none: add"
                        + " kafka: bootstrap-servers: host:port, set " + KafkaConfig.ENV_BROKERS
                        + ", or start the member with --embedded");
            }
            return resolved;
        }

        /**
         * Starts the member and waits until it has joined and loaded the ruleset registry (with a PostgreSQL, the
         * persisted rulesets).
         *
         * @throws io.rulegrid.node.persistence.PostgresUnavailableException if the PostgreSQL cannot be reached
         */
        public RuleGridNode start() {
            Config config = config();
            RuleGridConfig ruleGrid = ruleGridConfig();
            PostgresConfig database = postgresConfig(ruleGrid);
            Persistence persistence = database == null ? null : Persistence.open(database, ruleGrid.namespaces());
            HazelcastInstance hazelcast;
            try {
                if (persistence != null) {
                    persistence.configure(config, hazelcastYamlSource().source());
                }
                GridEngine engine = new GridEngine();
                KafkaConfig kafka = kafkaConfig(ruleGrid);
                MemberPipelines pipelines = kafka == null ? MemberPipelines.NONE
                        : new MemberPipelines(ruleGrid.pipelines(), kafka);
                MemberWireTypes.register(config.getSerializationConfig(), engine, pipelines);
                engine.attachTo(config);
                hazelcast = Hazelcast.newHazelcastInstance(config);
                if (persistence != null) {
                    persistence.attach(hazelcast);
                }
                // Only the member that starts a cluster loads the EAGER namespaces here; a joining member would
                // create the maps' indexes while partitions still migrate to it, and an index operation whose backup
                // is not confirmed fails the start.
                try {
                    engine.start(hazelcast);
                    if (persistence != null) {
                        persistence.loadEagerNamespacesIfAlone(hazelcast);
                    }
                    if (kafka != null) {
                        EventPipelines.submitAll(hazelcast, ruleGrid.pipelines(), kafka);
                    }
                } catch (RuntimeException e) {
                    hazelcast.getLifecycleService().terminate();
                    throw e;
                }
            } catch (RuntimeException e) {
                if (persistence != null) {
                    persistence.close();
                }
                throw e;
            }
            return new RuleGridNode(hazelcast);
        }

        private HazelcastYaml hazelcastYamlSource() {
            return hazelcastYaml == null ? HazelcastYaml.bundled() : HazelcastYaml.file(hazelcastYaml);
        }

        private void applyEnvironment(Config config) {
            JoinConfig join = config.getNetworkConfig().getJoin();
            if (environment.containsKey(ENV_MEMBERS)) {
                join.getTcpIpConfig().setEnabled(true)
                        .setMembers(MemberAddresses.parse(ENV_MEMBERS, environment.get(ENV_MEMBERS)));
            }
            if (environment.containsKey(ENV_KUBERNETES_SERVICE_DNS)) {
                String serviceDns = environment.get(ENV_KUBERNETES_SERVICE_DNS).strip();
                if (serviceDns.isEmpty()) {
                    throw new InvalidConfigException(ENV_KUBERNETES_SERVICE_DNS, "network.join.kubernetes.service-dns",
                            "is empty; give the headless service's DNS name, or unset it to join over tcp-ip");
                }
                join.getTcpIpConfig().setEnabled(false);
                join.getMulticastConfig().setEnabled(false);
                join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", serviceDns);
                config.getNetworkConfig().getInterfaces().setEnabled(false);
                config.setProperty("hazelcast.socket.bind.any", "true");
            }
        }
    }
}
