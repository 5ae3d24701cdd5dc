package io.rulegrid.testkit;

import io.rulegrid.node.RuleGridNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Several RuleGrid members in this JVM, on 127.0.0.1 and free ports, joined over tcp-ip under a cluster
 * name of their own: for an application's tests of its rules on a real cluster, RuleGrid's own cluster tests
 * and the benchmarks. Closing it stops every member it started.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(3);
 *      RuleGridClient grid = RuleGridClient.builder().clusterName(cluster.clusterName())
 *              .members(cluster.addresses().toArray(String[]::new)).connect()) {
 *     ...
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {

    private final String name;
    private final List<String> addresses = new ArrayList<>();
    private final List<RuleGridNode> members = new ArrayList<>();

    private LocalCluster(String name) {
        this.name = name;
    }

    /** Starts {@code size} members and returns when all have joined and the partitions have settled. */
    public static LocalCluster start(int size) {
        return start(size, UnaryOperator.identity());
    }

    /**
     * Starts {@code size} members, each configured by {@code eachMember} before it starts (e.g. its
     * {@code rulegrid.yaml} and PostgreSQL), and returns when all have joined and the partitions have settled.
     * The cluster name, ports and member list are the cluster's own.
     */
    public static LocalCluster start(int size, UnaryOperator<RuleGridNode.Builder> eachMember) {
        if (size < 1) {
            throw new IllegalArgumentException("cluster size is " + size + " but must be >= 1");
        }
        LocalCluster cluster = new LocalCluster("rulegrid-local-" + UUID.randomUUID());
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(freePort());
            cluster.addresses.add("127.0.0.1:" + ports.get(i));
        }
        try {
            for (int port : ports) {
                cluster.members.add(eachMember.apply(RuleGridNode.builder()).clusterName(cluster.name).port(port)
                        .members(cluster.addresses.toArray(String[]::new)).start());
            }
            // a bulk evaluation while partitions still migrate to the last member may see a fact twice or not at all
            cluster.awaitSafe();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cluster.close();
            throw new IllegalStateException("interrupted while the cluster settles", e);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The cluster name clients must use. */
    public String clusterName() {
        return name;
    }

    /** The members' addresses, {@code 127.0.0.1:port}. */
    public List<String> addresses() {
        return List.copyOf(addresses);
    }

    public List<RuleGridNode> members() {
        return List.copyOf(members);
    }

    public RuleGridNode member(int index) {
        return members.get(index);
    }

    /**
     * Starts one more member and returns once it has joined, without waiting for the partitions to migrate to it:
     * a test can run calls while they do.
     */
    public RuleGridNode join() {
        int port = freePort();
        addresses.add("127.0.0.1:" + port);
        RuleGridNode member = RuleGridNode.builder().clusterName(name).port(port)
                .members(addresses.toArray(String[]::new)).start();
        members.add(member);
        return member;
    }

    /** Kills a member without a graceful shutdown, as a crash would: its partitions' backups take over. */
    public void kill(int index) {
        members.get(index).hazelcast().getLifecycleService().terminate();
    }

    /** Stops a member gracefully: its partitions migrate first. */
    public void stop(int index) {
        members.get(index).close();
    }

    /**
     * Waits until every partition of the running members has its backups again.
     *
     * @throws IllegalStateException if that takes more than a minute, or no member is running
     */
    public void awaitSafe() throws InterruptedException {
        for (RuleGridNode member : members) {
            if (member.hazelcast().getLifecycleService().isRunning()) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (!member.hazelcast().getPartitionService().isClusterSafe()) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("cluster " + name + " is not safe after a minute:"
                                + " partitions still miss their backups");
                    }
                    Thread.sleep(100);
                }
                return;
            }
        }
        throw new IllegalStateException("cluster " + name + " has no running member");
    }

    /**
     * Stops every member gracefully, one after the other, as an operator stops a whole cluster: each hands its
     * partitions to the others, and the last one writes what its write-behind queues still hold.
     */
    public void stopAll() {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).hazelcast().getLifecycleService().isRunning()) {
                stop(i);
            }
        }
    }

    @Override
    public void close() {
        for (RuleGridNode member : members) {
            if (member.hazelcast().getLifecycleService().isRunning()) {
                member.hazelcast().getLifecycleService().terminate();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
