package io.rulegrid.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A member's configuration: the files of config/, the environment, the builder, in that order of precedence. */
class RuleGridNodeConfigTest {

    private static final Path CONFIG = Path.of("../config");

    @Test
    void namespacesOfRulegridYamlBecomeObjectFormatMapsWithBackupsAndIndexes() {
        Config config = RuleGridNode.builder().hazelcastYaml(CONFIG.resolve("hazelcast.yaml"))
                .rulegridYaml(CONFIG.resolve("rulegrid.yaml")).config();

        MapConfig products = config.getMapConfig("products");
        assertThat(products.getInMemoryFormat()).isEqualTo(InMemoryFormat.OBJECT);
        assertThat(products.getBackupCount()).isEqualTo(1);
        assertThat(products.getIndexConfigs()).anySatisfy(index -> {
            assertThat(index.getType()).isEqualTo(IndexType.HASH);
            assertThat(index.getAttributes()).containsExactly("category");
        });
        assertThat(config.getMapConfig("created-on-first-use").getInMemoryFormat()).isEqualTo(InMemoryFormat.OBJECT);
        assertThat(config.getMapConfig("rulegrid.rulesets").getBackupCount()).isEqualTo(1);
        assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    }

    @Test
    void environmentOverridesTheFilesAndTheBuilderOverridesTheEnvironment() {
        Config config = RuleGridNode.builder()
                .environment(Map.of(RuleGridNode.ENV_CLUSTER_NAME, "from-env", RuleGridNode.ENV_PORT, "6701",
                        RuleGridNode.ENV_MEMBERS, "127.0.0.1:6701,127.0.0.1:6702"))
                .port(7701).config();

        assertThat(config.getClusterName()).isEqualTo("from-env");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(7701);
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("127.0.0.1:6701", "127.0.0.1:6702");
    }

    @Test
    void badPortInTheEnvironmentIsRefusedNamingTheVariable() {
        for (String port : new String[] {"57o1", "0", "70000"}) {
            assertThatThrownBy(() -> RuleGridNode.builder().environment(Map.of(RuleGridNode.ENV_PORT, port)).config())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("RULEGRID_PORT is '" + port + "' but must be a port number, 1 to 65535");
        }
    }

    @Test
    void kubernetesServiceDnsSwitchesTheJoinToKubernetesDiscovery() {
        Config config = RuleGridNode.builder()
                .environment(Map.of(RuleGridNode.ENV_KUBERNETES_SERVICE_DNS, "rulegrid.default.svc.cluster.local"))
                .config();

        assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("rulegrid.default.svc.cluster.local");
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isFalse();
    }

    @Test
    void badNamespaceFileIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rulegrid.yaml");
        Files.writeString(file, "namespaces:\n  products:\n    backup-cuont: 2\n");

        assertThatThrownBy(() -> RuleGridNode.builder().rulegridYaml(file).config())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read " + file)
                .hasMessageContaining("backup-cuont");
    }

    @Test
    void outOfRangeNamespaceOptionIsRefusedNamingTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rulegrid.yaml");
        Map<String, String> cases = Map.of(
                "namespaces:\n  products:\n    indexes:\n      - type: HASHH\n        attributes: [category]\n",
                ": namespaces.products.indexes[0].type is 'HASHH' but must be one of [SORTED, HASH, BITMAP]",
                "defaults:\n  backup-count: 9\n", ": defaults.backup-count is 9 but must be 0 to 6",
                "namespaces:\n  orders:\n    eviction:\n      policy: LRU\n", ": namespaces.orders.eviction.max-size is null but must be more than 0");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Files.writeString(file, bad.getKey());

            assertThatThrownBy(() -> RuleGridNode.builder().rulegridYaml(file).config())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + bad.getValue());
        }
    }

    @Test
    void badMemberListInTheEnvironmentIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> RuleGridNode.builder()
                .environment(Map.of(RuleGridNode.ENV_MEMBERS, "127.0.0.1:5701,127.0.0.1:57x1")).config())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RULEGRID_MEMBERS is '127.0.0.1:5701,127.0.0.1:57x1' but '127.0.0.1:57x1' is no member"
                        + " address; write host or host:port, comma separated");
    }

    @Test
    void invalidNamespaceNameIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rulegrid.yaml");
        Files.writeString(file, "namespaces:\n  Bad.Name:\n    backup-count: 1\n");

        assertThatThrownBy(() -> RuleGridNode.builder().rulegridYaml(file).config())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace 'Bad.Name' is not valid");
    }
}
