package io.rulegrid.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder refuses a wrong cluster name or member address before it tries to reach anything. */
class ConnectArgumentsTest {

    @Test
    void anAddressGivenAsTheClusterNameIsRefused() {
        assertThatThrownBy(() -> RuleGridClient.builder().clusterName("127.0.0.1:5701"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cluster name '127.0.0.1:5701' is a member address; give addresses to"
                        + " members(\"host:port\", ...) and the cluster's name to clusterName(...)");
    }

    @Test
    void aMemberAddressWithoutAPortIsRefused() {
        assertThatThrownBy(() -> RuleGridClient.builder().members("127.0.0.1:5701", "rulegrid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("member address 'rulegrid' is not host:port (e.g. 127.0.0.1:5701)");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> RuleGridClient.builder().members("[::1]:70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("member address '[::1]:70000' has port 70000, not one of 1-65535");
    }

    @Test
    void connectingWithoutMembersOrClusterNameIsRefused() {
        assertThatThrownBy(() -> RuleGridClient.builder().clusterName("rulegrid").connect())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no member address: call members(\"host:port\", ...) before connect()");
        assertThatThrownBy(() -> RuleGridClient.builder().members("127.0.0.1:5701").connect())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no cluster name: call clusterName(\"...\") before connect()");
    }
}
