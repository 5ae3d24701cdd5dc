package io.rulegrid.client;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.RoutingMode;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The client configuration shipped in config/ parses and says what it promises. */
class ClientConfigFileTest {

    @Test
    void shippedClientConfigRoutesToOwnersAndFailsUnconfirmedWrites() throws IOException {
        ClientConfig config = new YamlClientConfigBuilder("../config/hazelcast-client.yaml").build();

        assertThat(config.getClusterName()).isEqualTo("rulegrid");
        assertThat(config.getNetworkConfig().getClusterRoutingConfig().getRoutingMode()).isEqualTo(RoutingMode.ALL_MEMBERS);
        assertThat(config.getProperty(RuleGridClient.FAIL_ON_INDETERMINATE_STATE)).isEqualTo("true");
        assertThat(config.getNetworkConfig().getAddresses()).containsExactly("127.0.0.1:5701");
    }
}
