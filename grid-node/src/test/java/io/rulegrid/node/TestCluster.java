package io.rulegrid.node;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.rulegrid.grid.wire.WireTypes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Real members on 127.0.0.1, joined over tcp-ip on free ports, with a cluster name of their own so that
 * concurrent test clusters never meet. Closing it shuts down its clients and members.
 */
final class TestCluster implements AutoCloseable {

    private final String name = "test-" + UUID.randomUUID();
    private final List<Integer> ports = new ArrayList<>();
    private final List<RuleGridNode> members = new ArrayList<>();
    private final List<HazelcastInstance> clients = new ArrayList<>();

    static TestCluster of(int size) {
        TestCluster cluster = new TestCluster();
        for (int i = 0; i < size; i++) {
            cluster.ports.add(freePort());
        }
        for (int i = 0; i < size; i++) {
            cluster.members.add(cluster.startMember(i));
        }
        return cluster;
    }

    private RuleGridNode startMember(int index) {
        String[] addresses = ports.stream().map(p -> "127.0.0.1:" + p).toArray(String[]::new);
        RuleGridNode.Builder builder = RuleGridNode.builder().clusterName(name).port(ports.get(index)).members(addresses);
        builder.config();  // fail fast on a bad config before any member starts
        return builder.start();
    }

    List<RuleGridNode> members() {
        return members;
    }

    RuleGridNode member(int index) {
        return members.get(index);
    }

    /** A smart client with RuleGrid's wire types. */
    HazelcastInstance client() {
        ClientConfig config = new ClientConfig().setClusterName(name);
        ports.forEach(p -> config.getNetworkConfig().addAddress("127.0.0.1:" + p));
        WireTypes.register(config.getSerializationConfig());
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        clients.add(client);
        return client;
    }

    /** Kills a member without a graceful shutdown, as a crash would. */
    void kill(int index) {
        members.get(index).hazelcast().getLifecycleService().terminate();
    }

    /** Waits until every partition has its backups again. */
    void awaitSafe() throws InterruptedException {
        for (RuleGridNode member : members) {
            if (member.hazelcast().getLifecycleService().isRunning()) {
                for (int i = 0; i < 600 && !member.hazelcast().getPartitionService().isClusterSafe(); i++) {
                    Thread.sleep(100);
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        clients.forEach(HazelcastInstance::shutdown);
        for (RuleGridNode member : members) {
            if (member.hazelcast().getLifecycleService().isRunning()) {
                member.hazelcast().getLifecycleService().terminate();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
