package io.rulegrid.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** connect(clusterName, addresses...) refuses the two swapped, before it tries to reach anything. */
class ConnectArgumentsTest {

    @Test
    void anAddressGivenAsTheClusterNameIsRefused() {
        assertThatThrownBy(() -> RuleGridClient.connect("127.0.0.1:5701"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cluster name '127.0.0.1:5701' is not a cluster name but an address;"
                        + " call connect(clusterName, \"host:port\", ...)");
    }

    @Test
    void aClusterNameWithoutAddressesIsRefused() {
        assertThatThrownBy(() -> RuleGridClient.connect("rulegrid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connect(\"rulegrid\") needs at least one member address, host:port");
    }
}
