package io.rulegrid.node;

import io.rulegrid.testkit.LocalCluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.rulegrid.grid.wire.WireTypes;

/** Plain Hazelcast clients that speak RuleGrid's wire types, to drive members without the client library. */
final class WireClients {

    private WireClients() {
    }

    static HazelcastInstance of(LocalCluster cluster) {
        ClientConfig config = new ClientConfig().setClusterName(cluster.clusterName());
        cluster.addresses().forEach(a -> config.getNetworkConfig().addAddress(a));
        WireTypes.register(config.getSerializationConfig());
        // an acknowledged write must be a backed-up write, or a crash may lose it (see RuleGridClient)
        config.setProperty("hazelcast.client.operation.fail.on.indeterminate.state", "true");
        return HazelcastClient.newHazelcastClient(config);
    }
}
