package io.rulegrid.node.pipeline.aggregate;

import com.hazelcast.collection.IList;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.jet.pipeline.StreamStage;
import io.rulegrid.api.Facts;
import io.rulegrid.node.config.AggregateConfig;
import io.rulegrid.node.config.AggregateFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The aggregate stages in a real Jet job on an embedded member (127.0.0.1, no multicast): counts and sums over event
 * time, per customer, for two customers whose events interleave, one of them late.
 */
class WindowedAggregatesJetTest {

    /** An event of the test feed: its id, fact key, time (minutes after the start) and fact. */
    record Event(String id, String key, long minute, String factJson) implements Serializable {

        long time() {
            return START + minute * 60_000;
        }
    }

    private static final long START = 1_760_000_000_000L;
    private static final EventAccessors<Event> ACCESSORS = new EventAccessors<>(Event::time, Event::key,
            event -> event.factJson() == null ? null : Facts.parse(event.factJson()));
    private static final Map<String, AggregateConfig> AGGREGATES = Map.of(
            "orders10m", new AggregateConfig(AggregateFunction.COUNT, null, Duration.ofMinutes(10), "customer",
                    Duration.ofMinutes(2)),
            "spent10m", new AggregateConfig(AggregateFunction.SUM, "total", Duration.ofMinutes(10), "customer",
                    Duration.ofMinutes(2)),
            "updates", new AggregateConfig(AggregateFunction.COUNT, null, Duration.ofHours(1), null, Duration.ZERO));

    private static HazelcastInstance member;

    @BeforeAll
    static void startMember() {
        Config config = new Config().setClusterName("aggregates-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        NetworkConfig network = config.getNetworkConfig().setPort(freePort()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        config.getJetConfig().setEnabled(true);
        member = Hazelcast.newHazelcastInstance(config);
    }

    @AfterAll
    static void stopMember() {
        if (member != null) {
            member.shutdown();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream source that emits the events in order, from one processor, then nothing. */
    private static StreamSource<Event> feed(List<Event> events) {
        return SourceBuilder.stream("test-feed", context -> new int[1])
                .<Event>fillBufferFn((next, buffer) -> {
                    if (next[0] < events.size()) {
                        buffer.add(events.get(next[0]++));
                    }
                })
                .build();
    }

    private static String order(String customer, long total) {
        return "{\"customer\":\"" + customer + "\",\"total\":" + total + "}";
    }

    @Test
    void countsAndSumsPerCustomerOverEventTimeWithALateEventCountedInLaterWindows() {
        List<Event> events = List.of(
                new Event("e1", "o-1", 0, order("c-1", 10)),
                new Event("e2", "o-2", 1, order("c-2", 5)),
                new Event("e3", "o-3", 5, order("c-1", 20)),
                // (0, 10]: the event at minute 0 has left c-1's window
                new Event("e4", "o-4", 10, order("c-1", 1)),
                // (2, 12]: the event at minute 1 has left c-2's window
                new Event("e5", "o-2", 12, order("c-2", 7)),
                // a minute behind c-1's latest, within the 2 minutes allowed: counted, in the window (-1, 9]
                new Event("e6", "o-6", 9, order("c-1", 100)),
                // (1, 11]: minutes 5, 9, 10 and 11
                new Event("e7", "o-7", 11, order("c-1", 1000)),
                // four minutes behind c-1's latest: too late, so not kept, but it gets (-3, 7] with itself
                new Event("e8", "o-8", 7, order("c-1", 10000)),
                // (3, 13]: minutes 5, 9, 10, 11 and 13, not the too-late 7
                new Event("e9", "o-9", 13, order("c-1", 1)),
                new Event("e10", "o-2", 14, "{\"total\":3}"),
                new Event("e11", "o-2", 15, null));
        // the events reach the stages in the feed's order, as they would from one Kafka partition
        Pipeline pipeline = Pipeline.create().setPreserveOrder(true);
        StreamStage<Event> feed = pipeline.readFrom(feed(events)).withoutTimestamps();
        String sinkName = "aggregated-" + UUID.randomUUID();
        WindowedAggregates.aggregate(feed, AGGREGATES, ACCESSORS).writeTo(Sinks.list(sinkName));

        Job job = member.getJet().newJob(pipeline);
        IList<Aggregated<Event>> sink = member.getList(sinkName);
        Map<String, Map<String, Object>> byEvent = new HashMap<>();
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> sink.size() == events.size());
            sink.forEach(aggregated -> byEvent.put(aggregated.item().id(), aggregated.aggregates()));
        } finally {
            job.cancel();
        }

        assertThat(byEvent.get("e1")).isEqualTo(Map.of("orders10m", 1L, "spent10m", 10L, "updates", 1L));
        assertThat(byEvent.get("e2")).isEqualTo(Map.of("orders10m", 1L, "spent10m", 5L, "updates", 1L));
        assertThat(byEvent.get("e3")).isEqualTo(Map.of("orders10m", 2L, "spent10m", 30L, "updates", 1L));
        assertThat(byEvent.get("e4")).isEqualTo(Map.of("orders10m", 2L, "spent10m", 21L, "updates", 1L));
        assertThat(byEvent.get("e5")).isEqualTo(Map.of("orders10m", 1L, "spent10m", 7L, "updates", 2L));
        assertThat(byEvent.get("e6")).isEqualTo(Map.of("orders10m", 3L, "spent10m", 130L, "updates", 1L));
        assertThat(byEvent.get("e7")).isEqualTo(Map.of("orders10m", 4L, "spent10m", 1121L, "updates", 1L));
        assertThat(byEvent.get("e8")).isEqualTo(Map.of("orders10m", 3L, "spent10m", 10030L, "updates", 1L));
        assertThat(byEvent.get("e9")).isEqualTo(Map.of("orders10m", 5L, "spent10m", 1122L, "updates", 1L));
        // no customer: only the per-fact count; no fact (a delete): no aggregates
        assertThat(byEvent.get("e10")).isEqualTo(Map.of("updates", 3L));
        assertThat(byEvent.get("e11")).isEmpty();
    }
}
