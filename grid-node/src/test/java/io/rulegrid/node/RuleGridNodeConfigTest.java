package io.rulegrid.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import io.rulegrid.node.config.AggregateConfig;
import io.rulegrid.node.config.AggregateFunction;
import io.rulegrid.node.config.InvalidConfigException;
import io.rulegrid.node.config.KafkaConfig;
import io.rulegrid.node.config.NamespaceConfig;
import io.rulegrid.node.config.PipelineConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A member's configuration: the files of config/ (or the bundled defaults), Hazelcast's hz.* / HZ_* overrides,
 * RuleGrid's variables, the builder, in that order of precedence; and every refusal, naming file or variable
 * and key. Hazelcast reads HZ_* from the process environment, which a test cannot set; the hz.* system
 * properties go through the same override mechanism.
 */
class RuleGridNodeConfigTest {

    private static final Path CONFIG = Path.of("../config");
    private static final String NAMESPACE_RULE =
            "is not valid; use 1-63 characters a-z, 0-9, '_' or '-', starting with a letter";
    private static final String RESOURCE_UPLOAD_REFUSED = "jet.resource-upload-enabled: is true (in the file, or by"
            + " HZ_JET_RESOURCEUPLOADENABLED or -Dhz.jet.resource-upload-enabled) but must be false: with it any client"
            + " that reaches a member can make every member run classes and jars of its own; see docs/security.md";
    /** The smallest hazelcast.yaml RuleGrid accepts. */
    private static final String MINIMAL_HAZELCAST = """
            hazelcast:
              map:
                default:
                  in-memory-format: OBJECT
            """;

    private final Map<String, String> savedProperties = new HashMap<>();

    @AfterEach
    void restoreSystemProperties() {
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private void setSystemProperty(String name, String value) {
        if (!savedProperties.containsKey(name)) {
            savedProperties.put(name, System.getProperty(name));
        }
        System.setProperty(name, value);
    }

    private static RuleGridNode.Builder shipped() {
        return RuleGridNode.builder().hazelcastYaml(CONFIG.resolve("hazelcast.yaml"))
                .rulegridYaml(CONFIG.resolve("rulegrid.yaml"));
    }

    private static Path write(Path dir, String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void shippedFilesGiveObjectFormatFactMapsWithIndexesAndFirstUseNamespacesTheDefault() {
        Config config = shipped().config();

        MapConfig products = config.findMapConfig("products");
        assertThat(products.getInMemoryFormat()).isEqualTo(InMemoryFormat.OBJECT);
        assertThat(products.getBackupCount()).isEqualTo(1);
        assertThat(products.getIndexConfigs()).satisfiesExactly(
                index -> {
                    assertThat(index.getType()).isEqualTo(IndexType.HASH);
                    assertThat(index.getAttributes()).containsExactly("category");
                },
                index -> {
                    assertThat(index.getType()).isEqualTo(IndexType.SORTED);
                    assertThat(index.getAttributes()).containsExactly("price");
                });
        MapConfig firstUse = config.findMapConfig("created-on-first-use");
        assertThat(firstUse.getName()).isEqualTo("default");
        assertThat(firstUse.getInMemoryFormat()).isEqualTo(InMemoryFormat.OBJECT);
        assertThat(firstUse.getBackupCount()).isEqualTo(1);
        assertThat(config.findMapConfig("rulegrid.rulesets").getBackupCount()).isEqualTo(1);
        assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(config.getSerializationConfig().getJavaSerializationFilterConfig().getWhitelist().getPrefixes())
                .containsExactly("io.rulegrid.");
        // what a pipeline's snapshot holds besides Hazelcast's and the JDK's classes: without it no job restores
        assertThat(config.getSerializationConfig().getJavaSerializationFilterConfig().getWhitelist().getClasses())
                .containsExactly("org.apache.kafka.common.TopicPartition");
        // off until a pipeline needs it (docs/security.md); resource upload off for when it is turned on
        assertThat(config.getJetConfig().isEnabled()).isFalse();
        assertThat(config.getJetConfig().isResourceUploadEnabled()).isFalse();
        assertThat(shipped().ruleGridConfig().namespaces()).containsOnlyKeys("products", "orders", "customers");
        assertThat(shipped().ruleGridConfig().persistentNamespaces()).containsExactlyInAnyOrder("products", "orders",
                "customers");
    }

    @Test
    void bundledDefaultsAreTheShippedHazelcastYaml() {
        Config bundled = RuleGridNode.builder().config();
        Config shipped = shipped().config();

        assertThat(bundled.getMapConfigs()).isEqualTo(shipped.getMapConfigs());
        assertThat(bundled.getNetworkConfig().getJoin()).isEqualTo(shipped.getNetworkConfig().getJoin());
        assertThat(bundled.getProperties()).isEqualTo(shipped.getProperties());
        assertThat(bundled.getClusterName()).isEqualTo(shipped.getClusterName());
        assertThat(bundled.getJetConfig()).isEqualTo(shipped.getJetConfig());
    }

    @Test
    void hazelcastOverridesBeatTheFileAndTheBuilderBeatsThem() {
        setSystemProperty("hz.cluster-name", "from-sysprop");
        setSystemProperty("hz.network.port.port", "6701");

        Config overridden = shipped().config();
        assertThat(overridden.getClusterName()).isEqualTo("from-sysprop");
        NetworkConfig network = overridden.getNetworkConfig();
        assertThat(network.getPort()).isEqualTo(6701);
        assertThat(network.getPortCount()).as("the file's other port settings stay").isEqualTo(20);

        Config built = shipped().clusterName("from-builder").port(7701).config();
        assertThat(built.getClusterName()).isEqualTo("from-builder");
        assertThat(built.getNetworkConfig().getPort()).isEqualTo(7701);
    }

    @Test
    void memberVariableReplacesTheFilesMemberListAndTheBuilderReplacesIt() {
        RuleGridNode.Builder fromEnvironment = shipped()
                .environment(Map.of(RuleGridNode.ENV_MEMBERS, "127.0.0.1:6701, 127.0.0.1:6702"));

        assertThat(shipped().config().getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("127.0.0.1");
        assertThat(fromEnvironment.config().getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("127.0.0.1:6701", "127.0.0.1:6702");
        assertThat(fromEnvironment.members("127.0.0.1:7701").config().getNetworkConfig().getJoin().getTcpIpConfig()
                .getMembers()).containsExactly("127.0.0.1:7701");
    }

    @Test
    void kubernetesServiceDnsSwitchesTheJoinToKubernetesDiscovery() {
        Config config = shipped()
                .environment(Map.of(RuleGridNode.ENV_KUBERNETES_SERVICE_DNS, "rulegrid.default.svc.cluster.local"))
                .config();

        assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("rulegrid.default.svc.cluster.local");
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
    }

    @Test
    void badOverrideIsRefusedNamingTheOverrideAndTheFile() {
        setSystemProperty("hz.cluster-name", "dev");
        setSystemProperty("hz.network.port.port", "57o1");

        assertThatThrownBy(() -> shipped().config())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("hz.network.port.port: override of ../config/hazelcast.yaml: For input string: \"57o1\"");

        setSystemProperty("hz.network.port.port", "70000");
        assertThatThrownBy(() -> shipped().config())
                .hasMessage("hz.network.port.port: override of ../config/hazelcast.yaml:"
                        + " Port out of range: 70000. Allowed range [0,65535]");
    }

    @Test
    void resourceUploadTurnedOnByAnOverrideIsRefusedNamingTheFileTheOverrideAppliesTo() {
        setSystemProperty("hz.jet.resource-upload-enabled", "true");

        assertThatThrownBy(() -> shipped().config())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("../config/hazelcast.yaml: " + RESOURCE_UPLOAD_REFUSED);
    }

    @Test
    void badMemberListOrPortIsRefusedNamingTheVariableOrMethodAndTheKey() {
        assertThatThrownBy(() -> shipped()
                .environment(Map.of(RuleGridNode.ENV_MEMBERS, "127.0.0.1:5701,127.0.0.1:57x1")).config())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("RULEGRID_MEMBERS: network.join.tcp-ip.member-list: '127.0.0.1:57x1' in"
                        + " '127.0.0.1:5701,127.0.0.1:57x1' is no member address; write host or host:port, comma separated");
        assertThatThrownBy(() -> shipped().environment(Map.of(RuleGridNode.ENV_MEMBERS, "127.0.0.1:5701,")).config())
                .hasMessage("RULEGRID_MEMBERS: network.join.tcp-ip.member-list: '' in '127.0.0.1:5701,' is no member"
                        + " address; write host or host:port, comma separated");
        assertThatThrownBy(() -> RuleGridNode.builder().members("127.0.0.1:0"))
                .hasMessage("members(...): network.join.tcp-ip.member-list: '127.0.0.1:0' in '127.0.0.1:0' is no member"
                        + " address; write host or host:port, comma separated");
        assertThatThrownBy(() -> RuleGridNode.builder().port(70000))
                .hasMessage("port(70000): network.port.port: must be 1 to 65535");
        assertThatThrownBy(() -> shipped().environment(Map.of(RuleGridNode.ENV_KUBERNETES_SERVICE_DNS, " ")).config())
                .hasMessage("RULEGRID_KUBERNETES_SERVICE_DNS: network.join.kubernetes.service-dns: is empty; give the"
                        + " headless service's DNS name, or unset it to join over tcp-ip");
    }

    @Test
    void rulegridYamlDeclaresNamespacesWithOrWithoutOptions(@TempDir Path dir) throws Exception {
        Path file = write(dir, "rulegrid.yaml", "namespaces:\n  products: {}\n  orders:\n");

        assertThat(RuleGridNode.builder().rulegridYaml(file).ruleGridConfig().namespaces())
                .isEqualTo(Map.of("products", NamespaceConfig.inMemory(), "orders", NamespaceConfig.inMemory()));
        assertThat(RuleGridNode.builder().rulegridYaml(write(dir, "empty.yaml", "# nothing yet\n")).ruleGridConfig()
                .namespaces()).isEmpty();
    }

    @Test
    void badRulegridYamlIsRefusedNamingTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Map<String, String> cases = Map.of(
                "namespaces:\n  Products: {}\n",
                "namespaces.Products: namespace 'Products' " + NAMESPACE_RULE,
                "namespaces:\n  products:\n    backup-count: 2\n",
                "namespaces.products.backup-count: unknown key; known keys here: initial-load, persistent,"
                        + " write-batch-size, write-delay-seconds; map settings (in-memory-format,"
                        + " backup-count, indexes, TTL, eviction, ...) belong in hazelcast.yaml under map.products",
                "defaults:\n  backup-count: 1\n",
                "defaults: unknown key; known keys here: kafka, namespaces, pipelines, postgres",
                "namespaces:\n  - products\n",
                "namespaces: Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,"
                        + "io.rulegrid.node.config.NamespaceConfig>` from Array value (token `JsonToken.START_ARRAY`)",
                "namespaces:\n  products: {}\n  products: {}\n",
                "line 3, column 11: not valid YAML: Duplicate field 'products'",
                "namespaces:\n  products: {\n",
                "line 2, column 14: not valid YAML: while parsing a flow node in 'reader', line 3, column 1:"
                        + " expected the node content, but found '<stream end>' in 'reader', line 3, column 1:");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Path file = write(dir, "rulegrid.yaml", bad.getKey());

            assertThatThrownBy(() -> RuleGridNode.builder().rulegridYaml(file).config())
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessage(file + ": " + bad.getValue());
        }
    }

    private static final String ORDERS_PIPELINE = """
            pipelines:
              orders:
                topic: order-events
                namespace: orders
                ruleset: pricing
                decisions-topic: order-decisions
                dead-letter-topic: order-events-dead
            """;

    @Test
    void pipelinesTurnJetOnWithResourceUploadStillOffAndNoPipelinesKeepItOff(@TempDir Path dir) throws Exception {
        Path kafkaOnly = write(dir, "kafka-only.yaml", "kafka:\n  bootstrap-servers: 127.0.0.1:9092\n");
        Path withPipeline = write(dir, "rulegrid.yaml", ORDERS_PIPELINE
                + "kafka:\n  bootstrap-servers: 127.0.0.1:9092, 127.0.0.1:9093\n");

        assertThat(RuleGridNode.builder().rulegridYaml(kafkaOnly).config().getJetConfig().isEnabled()).isFalse();
        Config config = RuleGridNode.builder().rulegridYaml(withPipeline).config();
        assertThat(config.getJetConfig().isEnabled()).isTrue();
        assertThat(config.getJetConfig().isResourceUploadEnabled()).isFalse();
        RuleGridNode.Builder builder = RuleGridNode.builder().rulegridYaml(withPipeline);
        assertThat(builder.kafkaConfig(builder.ruleGridConfig()).bootstrapServers())
                .isEqualTo("127.0.0.1:9092, 127.0.0.1:9093");
        builder.environment(Map.of(KafkaConfig.ENV_BROKERS, "127.0.0.1:19092"));
        assertThat(builder.kafkaConfig(builder.ruleGridConfig()).bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(builder.ruleGridConfig().pipelines().get("orders").deadLetterTopic()).isEqualTo("order-events-dead");
    }

    @Test
    void pipelinesWithoutAnyKafkaAreRefused(@TempDir Path dir) throws Exception {
        Path file = write(dir, "rulegrid.yaml", ORDERS_PIPELINE);

        assertThatThrownBy(() -> RuleGridNode.builder().rulegridYaml(file).config())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(file + ": kafka.bootstrap-servers: pipeline 'orders' needs a Kafka, and there is none: add"
                        + " kafka: bootstrap-servers: host:port, set KAFKA_BROKERS, or start the member with --embedded");
        assertThatThrownBy(() -> RuleGridNode.builder().rulegridYaml(file)
                .environment(Map.of(KafkaConfig.ENV_BROKERS, "localhost")).config())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("KAFKA_BROKERS: kafka.bootstrap-servers: has 'localhost' but each broker must be host:port");
    }

    @Test
    void badPipelinesAreRefusedNamingTheFileAndTheKey(@TempDir Path dir) throws Exception {
        String kafka = "kafka:\n  bootstrap-servers: 127.0.0.1:9092\n";
        Map<String, String> cases = Map.of(
                kafka + ORDERS_PIPELINE.replace("    ruleset: pricing\n", ""),
                "pipelines.orders.ruleset: is missing; give the ruleset evaluated after each upsert",
                kafka + ORDERS_PIPELINE.replace("topic: order-events\n", "topic: order events\n"),
                "pipelines.orders.topic: is 'order events' but a Kafka topic name must be 1-249 characters a-z, A-Z,"
                        + " 0-9, '.', '_' or '-', and not '.' or '..'",
                kafka + ORDERS_PIPELINE + "    partitions: 3\n",
                "pipelines.orders.partitions: unknown key; known keys here: aggregates, dead-letter-topic, decisions-topic,"
                        + " guarantee, namespace, parallelism, ruleset, topic",
                kafka + ORDERS_PIPELINE.replace("dead-letter-topic: order-events-dead", "dead-letter-topic: order-events"),
                "pipelines.orders.dead-letter-topic: is the events topic 'order-events'; give a topic of its own",
                kafka + ORDERS_PIPELINE.replace("  orders:", "  Orders:"),
                "pipelines.Orders: is not a valid pipeline name; use 1-63 characters a-z, 0-9, '_' or '-', starting"
                        + " with a letter",
                "kafka:\n  bootstrap-servers: localhost\n",
                "kafka.bootstrap-servers: has 'localhost' but each broker must be host:port",
                "kafka:\n  bootstrap-servers: 127.0.0.1:9092\n  brokers: 127.0.0.1:9093\n",
                "kafka.brokers: unknown key; known keys here: bootstrap-servers",
                // a misspelt key where a required one is missing: the misspelling is named, not the missing key
                "kafka:\n  brokers: 127.0.0.1:9093\n",
                "kafka.brokers: unknown key; known keys here: bootstrap-servers",
                kafka + ORDERS_PIPELINE.replace("    ruleset: pricing\n", "    rule-set: pricing\n"),
                "pipelines.orders.rule-set: unknown key; known keys here: aggregates, dead-letter-topic, decisions-topic,"
                        + " guarantee, namespace, parallelism, ruleset, topic");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Path file = write(dir, "rulegrid.yaml", bad.getKey());

            assertThatThrownBy(() -> RuleGridNode.builder().rulegridYaml(file).config())
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessage(file + ": " + bad.getValue());
        }
    }

    private static final String KAFKA = "kafka:\n  bootstrap-servers: 127.0.0.1:9092\n";

    @Test
    void pipelinesAreExactlyOnceWithJetsParallelismUnlessConfiguredOtherwise(@TempDir Path dir) throws Exception {
        PipelineConfig defaults = RuleGridNode.builder().rulegridYaml(write(dir, "defaults.yaml",
                KAFKA + ORDERS_PIPELINE)).ruleGridConfig().pipelines().get("orders");
        PipelineConfig configured = RuleGridNode.builder().rulegridYaml(write(dir, "configured.yaml",
                KAFKA + ORDERS_PIPELINE + "    guarantee: at-least-once\n    parallelism: 4\n")).ruleGridConfig()
                .pipelines().get("orders");

        assertThat(defaults.exactlyOnce()).isTrue();
        assertThat(defaults.parallelism()).isZero();
        assertThat(configured.exactlyOnce()).isFalse();
        assertThat(configured.parallelism()).isEqualTo(4);
        for (Map.Entry<String, String> bad : Map.of(
                "    guarantee: exactly_once\n",
                "pipelines.orders.guarantee: is 'exactly_once'; give exactly-once (the default) or at-least-once",
                "    parallelism: 0\n",
                "pipelines.orders.parallelism: is 0; give 1 to 256, or leave it out for Jet's default",
                "    parallelism: 257\n",
                "pipelines.orders.parallelism: is 257; give 1 to 256, or leave it out for Jet's default").entrySet()) {
            Path file = write(dir, "rulegrid.yaml", KAFKA + ORDERS_PIPELINE + bad.getKey());
            assertThatThrownBy(() -> RuleGridNode.builder().rulegridYaml(file).config())
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessage(file + ": " + bad.getValue());
        }
    }

    @Test
    void pipelineAggregatesAreReadWithLatenessZeroAndTheFactKeyAsGroupUnlessGiven(@TempDir Path dir) throws Exception {
        Path file = write(dir, "rulegrid.yaml", KAFKA + ORDERS_PIPELINE + """
                    aggregates:
                      orders10m:
                        function: count
                        window: 10m
                        by: customer
                      spent1h:
                        function: sum
                        field: order.total
                        window: 1h
                        by: customer.id
                        allowed-lateness: 30s
                      largest:
                        function: max
                        field: total
                        window: 500ms
                """);

        Map<String, AggregateConfig> aggregates = RuleGridNode.builder().rulegridYaml(file).ruleGridConfig().pipelines()
                .get("orders").aggregates();

        assertThat(aggregates).isEqualTo(Map.of(
                "orders10m", new AggregateConfig(AggregateFunction.COUNT, null, Duration.ofMinutes(10), "customer",
                        Duration.ZERO),
                "spent1h", new AggregateConfig(AggregateFunction.SUM, "order.total", Duration.ofHours(1), "customer.id",
                        Duration.ofSeconds(30)),
                "largest", new AggregateConfig(AggregateFunction.MAX, "total", Duration.ofMillis(500), null,
                        Duration.ZERO)));
        assertThat(RuleGridNode.builder().rulegridYaml(write(dir, "none.yaml", KAFKA + ORDERS_PIPELINE)).ruleGridConfig()
                .pipelines().get("orders").aggregates()).isEmpty();
    }

    @Test
    void badPipelineAggregatesAreRefusedNamingTheFileAndTheKey(@TempDir Path dir) throws Exception {
        String pipeline = KAFKA + ORDERS_PIPELINE + "    aggregates:\n";
        String key = "pipelines.orders.aggregates.";
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("      velocity:\n        function: median\n        field: total\n        window: 10m\n",
                key + "velocity.function: is 'median'; give one of count, sum, min, max, avg");
        cases.put("      velocity:\n        function: sum\n        window: 10m\n",
                key + "velocity.field: is missing; give the field of the event's fact to sum, e.g. amount or"
                        + " order.total");
        cases.put("      velocity:\n        function: count\n        field: total\n        window: 10m\n",
                key + "velocity.field: is 'total' but count counts every event of its window and takes no field;"
                        + " remove it");
        cases.put("      velocity:\n        function: count\n",
                key + "velocity.window: is missing; give a duration such as 10m");
        cases.put("      velocity:\n        function: count\n        window: 10\n",
                key + "velocity.window: is '10' but must be a duration: a whole number followed by ms, s, m or h,"
                        + " such as 500ms, 30s, 10m or 1h");
        cases.put("      velocity:\n        function: count\n        window: 1.5m\n",
                key + "velocity.window: is '1.5m' but must be a duration: a whole number followed by ms, s, m or h,"
                        + " such as 500ms, 30s, 10m or 1h");
        cases.put("      velocity:\n        function: count\n        window: 0s\n",
                key + "velocity.window: is 0 but must be more than 0");
        cases.put("      velocity:\n        function: count\n        window: 169h\n",
                key + "velocity.window: is longer than 168h (7 days), the most allowed: a member holds every event of"
                        + " a group's window in memory");
        cases.put("      velocity:\n        function: count\n        window: 10m\n        allowed-lateness: -1s\n",
                key + "velocity.allowed-lateness: is '-1s' but must be a duration: a whole number followed by ms, s,"
                        + " m or h, such as 500ms, 30s, 10m or 1h");
        cases.put("      velocity:\n        function: count\n        window: 10m\n        by: customer..id\n",
                key + "velocity.by: is 'customer..id' but must be a field name or a path of field names joined by"
                        + " dots, such as customer or order.customer.id");
        cases.put("      orders-10m:\n        function: count\n        window: 10m\n",
                key + "orders-10m: is not a valid aggregate name; rules read it as agg.NAME, so use letters, digits,"
                        + " '_' or '$', not starting with a digit (and not 'class')");
        cases.put("      velocity:\n",
                key + "velocity: is empty; give function, window and, except for count, field");
        // a misspelt key where a required one is missing: the misspelling is named
        cases.put("      velocity:\n        fuction: count\n        window: 10m\n",
                key + "velocity.fuction: unknown key; known keys here: allowed-lateness, by, field, function, window");
        cases.put("      velocity:\n        function: count\n        window: 10m\n        lateness: 1s\n",
                key + "velocity.lateness: unknown key; known keys here: allowed-lateness, by, field, function, window");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Path file = write(dir, "rulegrid.yaml", pipeline + bad.getKey());

            assertThatThrownBy(() -> RuleGridNode.builder().rulegridYaml(file).config())
                    .as(bad.getKey())
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessage(file + ": " + bad.getValue());
        }
    }

    @Test
    void pipelineConfigWithAggregatesSurvivesJavaSerializationAsTheJetJobCarriesIt() throws Exception {
        PipelineConfig pipeline = new PipelineConfig("order-events", "orders", "pricing", "order-decisions",
                "order-events-dead", false, 4, Map.of("spent", new AggregateConfig(AggregateFunction.AVG, "total",
                Duration.ofMinutes(10), "customer", Duration.ofSeconds(5))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(pipeline);
        }

        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(pipeline);
        }
    }

    @Test
    void badHazelcastYamlIsRefusedNamingTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Map<String, String> cases = Map.of(
                MINIMAL_HAZELCAST + "    products:\n      in-memory-format: BINARY\n",
                "map.products.in-memory-format: is BINARY (Hazelcast's default when absent) but a fact namespace map"
                        + " must be OBJECT: rules read and update the stored fact in place",
                MINIMAL_HAZELCAST + "    orders:\n      backup-count: 2\n",
                "map.orders.in-memory-format: is BINARY (Hazelcast's default when absent) but a fact namespace map"
                        + " must be OBJECT: rules read and update the stored fact in place",
                "hazelcast:\n  map:\n    products:\n      in-memory-format: OBJECT\n",
                "map.default: is missing, so namespaces created on first use would get Hazelcast's BINARY default;"
                        + " add map.default with in-memory-format: OBJECT",
                MINIMAL_HAZELCAST + "    Products:\n      in-memory-format: OBJECT\n",
                "map.Products: namespace 'Products' " + NAMESPACE_RULE,
                MINIMAL_HAZELCAST + "    products:\n      in-memory-formatt: OBJECT\n",
                "map.products: extraneous key [in-memory-formatt] is not permitted",
                MINIMAL_HAZELCAST + "  serialization:\n    java-serialization-filter:\n      whitelist:\n"
                        + "        prefix:\n          - com.example.\n",
                "serialization.java-serialization-filter: RuleGrid sets this itself (Hazelcast's defaults,"
                        + " io.rulegrid. classes and Kafka's TopicPartition only); remove it",
                MINIMAL_HAZELCAST + "  serialization:\n    data-serializable-factories:\n"
                        + "      - factory-id: 7301\n        class-name: com.example.Factory\n",
                "serialization.data-serializable-factories: factory-id 7301 is RuleGrid's wire types; give this"
                        + " factory another id",
                MINIMAL_HAZELCAST + "  jet:\n    enabled: true\n    resource-upload-enabled: true\n",
                RESOURCE_UPLOAD_REFUSED,
                MINIMAL_HAZELCAST + "  user-code-deployment:\n    enabled: true\n",
                "user-code-deployment.enabled: is true but must be false: with it any client that reaches a member can"
                        + " send classes for the members to load and run; see docs/security.md",
                "hazelcast:\n  map: [\n",
                "(document): not valid YAML: while parsing a flow node in reader, line 3, column 1: expected the node"
                        + " content, but found '<stream end>' in reader, line 3, column 1:");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Path file = write(dir, "hazelcast.yaml", bad.getKey());

            assertThatThrownBy(() -> RuleGridNode.builder().hazelcastYaml(file).config())
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessage(file + ": " + bad.getValue());
        }
    }
}
