package io.rulegrid.perf;

import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.metrics.MetricDescriptor;
import com.hazelcast.internal.metrics.MetricsRegistry;
import com.hazelcast.internal.metrics.collectors.MetricsCollector;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes members and clients wrote to their sockets, as Hazelcast counts them: the metric
 * {@code tcp.connection.out.bytesWritten} of each connection's outbound pipeline, summed over the given
 * instances. Every byte that crosses the network is written by exactly one of them (client to member, member to
 * client, member to member: backups, heartbeats), so the difference of two readings is what a phase sent, as
 * long as no connection closes in between. Not the I/O threads' {@code bytesTransceived}: with write-through,
 * a caller's thread writes to the socket itself, and only the pipeline counts it.
 * Reads Hazelcast's internal metrics registry (pinned by the Hazelcast version, as the client's calls are).
 */
final class NetworkBytes {

    private static final String OUTBOUND_PIPELINES = "tcp.connection.out";
    private static final String BYTES = "bytesWritten";

    private final List<MetricsRegistry> registries;

    private NetworkBytes(List<MetricsRegistry> registries) {
        this.registries = registries;
    }

    /**
     * Asks instances started after this call to keep the pipelines' counters: they are probes of level DEBUG,
     * which a member's and a client's metrics registry leave out unless told otherwise.
     */
    static void countFromNowOn() {
        System.setProperty("hazelcast.metrics.debug.enabled", "true");
        System.setProperty("hazelcast.client.metrics.debug.enabled", "true");
    }

    /**
     * Counts what the given members and clients (all in this JVM, started after {@link #countFromNowOn()}) send.
     *
     * @throws IllegalStateException if they count nothing, though connected: started before, or a Hazelcast
     *                               version whose metrics are named otherwise
     */
    static NetworkBytes of(List<HazelcastInstance> instances) {
        NetworkBytes bytes = new NetworkBytes(instances.stream().map(NetworkBytes::registry).toList());
        if (bytes.sent() == 0) {
            throw new IllegalStateException("no " + OUTBOUND_PIPELINES + "." + BYTES + " metric of " + instances.size()
                    + " connected Hazelcast instances counts anything: were they started after countFromNowOn()?");
        }
        return bytes;
    }

    /** The bytes sent so far, by all the instances together. */
    long sent() {
        return sum(OUTBOUND_PIPELINES, BYTES);
    }

    private long sum(String prefix, String metric) {
        AtomicLong total = new AtomicLong();
        MetricsCollector collector = new MetricsCollector() {
            @Override
            public void collectLong(MetricDescriptor descriptor, long value) {
                if (prefix.equals(descriptor.prefix()) && metric.equals(descriptor.metric())) {
                    total.addAndGet(value);
                }
            }

            @Override
            public void collectDouble(MetricDescriptor descriptor, double value) {
            }

            @Override
            public void collectException(MetricDescriptor descriptor, Exception e) {
            }

            @Override
            public void collectNoValue(MetricDescriptor descriptor) {
            }
        };
        registries.forEach(registry -> registry.collect(collector));
        return total.get();
    }

    private static MetricsRegistry registry(HazelcastInstance instance) {
        if (instance instanceof HazelcastInstanceProxy member) {
            return member.getOriginal().node.getNodeEngine().getMetricsRegistry();
        }
        if (instance instanceof HazelcastClientProxy client) {
            return client.client.getMetricsRegistry();
        }
        throw new IllegalArgumentException("cannot read the network metrics of " + instance.getClass().getName()
                + ": neither a member nor a client of this JVM");
    }
}
