package io.rulegrid.node.pipeline.aggregate;

import com.hazelcast.collection.IList;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.JobStatus;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The aggregate stages in a real Jet job on two embedded members (127.0.0.1, no multicast): counts and sums over event
 * time, per customer, for two customers whose events interleave, one of them late; and many events whose customers
 * and facts cross, which must each see every earlier event of their groups and leave in their fact's order.
 */
class WindowedAggregatesJetTest {

    /** An event of the test feed: its id, fact key, time (minutes and milliseconds after the start) and fact. */
    record Event(String id, String key, long minute, String factJson, long millis) implements Serializable {

        Event(String id, String key, long minute, String factJson) {
            this(id, key, minute, factJson, 0);
        }

        long time() {
            return START + minute * 60_000 + millis;
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

    private static final List<HazelcastInstance> MEMBERS = new ArrayList<>();
    /** The member the jobs are submitted to; the other one runs its share of every stage too. */
    private static HazelcastInstance member;

    @BeforeAll
    static void startMembers() {
        String cluster = "aggregates-" + UUID.randomUUID();
        List<Integer> ports = List.of(freePort(), freePort());
        for (int port : ports) {
            MEMBERS.add(Hazelcast.newHazelcastInstance(config(cluster, port, ports)));
        }
        member = MEMBERS.get(0);
        await().atMost(Duration.ofMinutes(1)).until(() -> member.getCluster().getMembers().size() == ports.size());
    }

    private static Config config(String cluster, int port, List<Integer> ports) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        ports.forEach(other -> join.getTcpIpConfig().addMember("127.0.0.1:" + other));
        config.getJetConfig().setEnabled(true);
        return config;
    }

    @AfterAll
    static void stopMembers() {
        MEMBERS.forEach(HazelcastInstance::shutdown);
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
                    for (int i = 0; i < 16 && next[0] < events.size(); i++) {
                        buffer.add(events.get(next[0]++));
                    }
                })
                .build();
    }

    /** Runs the aggregate stages over the events and returns what reached the sink, in the order it did. */
    private static List<Aggregated<Event>> aggregate(List<Event> events) {
        // the events reach the stages in the feed's order, as they would from one Kafka partition
        Pipeline pipeline = Pipeline.create().setPreserveOrder(true);
        StreamStage<Event> feed = pipeline.readFrom(feed(events)).withoutTimestamps();
        String sinkName = "aggregated-" + UUID.randomUUID();
        WindowedAggregates.aggregate(feed, AGGREGATES, ACCESSORS).writeTo(Sinks.list(sinkName));

        Job job = member.getJet().newJob(pipeline);
        IList<Aggregated<Event>> sink = member.getList(sinkName);
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> sink.size() >= events.size());
            return new ArrayList<>(sink);
        } finally {
            job.cancel();
        }
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
        Map<String, Map<String, Object>> byEvent = new HashMap<>();
        aggregate(events).forEach(aggregated -> byEvent.put(aggregated.item().id(), aggregated.aggregates()));

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

    /**
     * Events up to 20 seconds apart, in time order, each of a random customer and one of 40 facts: a fact's events
     * change customer, and a customer's events are of many facts, so the groupings' keys cross everywhere. Event
     * {@code ei}'s total is {@code i}.
     */
    private static List<Event> crossingEvents(long seed, int count) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        long millis = 0;
        for (int i = 0; i < count; i++) {
            millis += random.nextInt(20_000);
            events.add(new Event("e" + i, "o-" + random.nextInt(40), 0, order("c-" + random.nextInt(5), i), millis));
        }
        return events;
    }

    /** Each event got every earlier event of its customer and fact in its windows, and each fact's events in order. */
    private static void assertCountedInOrder(List<Event> events, List<Aggregated<Event>> aggregated) {
        assertThat(aggregated).hasSize(events.size());
        List<Object> customers = events.stream().map(event -> Facts.parse(event.factJson()).get("customer")).toList();
        Map<String, Aggregated<Event>> byId = new HashMap<>();
        aggregated.forEach(one -> byId.put(one.item().id(), one));
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            long orders = 0;
            long spent = 0;
            long updates = 0;
            for (int j = 0; j <= i; j++) {
                Event earlier = events.get(j);
                if (customers.get(j).equals(customers.get(i)) && earlier.time() > event.time() - 600_000) {
                    orders++;
                    spent += j;
                }
                if (earlier.key().equals(event.key()) && earlier.time() > event.time() - 3_600_000) {
                    updates++;
                }
            }
            assertThat(byId.get(event.id()).aggregates()).as(event.id())
                    .isEqualTo(Map.of("orders10m", orders, "spent10m", spent, "updates", updates));
        }
        Map<String, List<String>> sentByFact = new HashMap<>();
        events.forEach(event -> sentByFact.computeIfAbsent(event.key(), key -> new ArrayList<>()).add(event.id()));
        Map<String, List<String>> receivedByFact = new HashMap<>();
        aggregated.forEach(one -> receivedByFact.computeIfAbsent(one.item().key(), key -> new ArrayList<>())
                .add(one.item().id()));
        assertThat(receivedByFact).as("each fact's events in the order sent").isEqualTo(sentByFact);
    }

    @Test
    void manyEventsWhoseCustomersAndFactsCrossSeeEveryEarlierEventOfTheirGroupsAndAFactsEventsStayInOrder() {
        List<Event> events = crossingEvents(42, 2_000);

        assertCountedInOrder(events, aggregate(events));
    }

    @Test
    void aSuspendedAndResumedJobLosesNoEventAndNoStateUnderExactlyOnce() {
        List<Event> events = crossingEvents(7, 2_000);
        // one event a millisecond at most, from a source that saves its position in the snapshots
        StreamSource<Event> feed = SourceBuilder.stream("slow-feed", context -> new long[2])
                .<Event>fillBufferFn((position, buffer) -> {
                    long now = System.nanoTime();
                    if (position[0] < events.size() && now - position[1] >= 1_000_000) {
                        buffer.add(events.get((int) position[0]++));
                        position[1] = now;
                    }
                })
                .createSnapshotFn(position -> position[0])
                .restoreSnapshotFn((position, saved) -> position[0] = saved.get(0))
                .build();
        Pipeline pipeline = Pipeline.create().setPreserveOrder(true);
        String sinkName = "aggregated-" + UUID.randomUUID();
        WindowedAggregates.aggregate(pipeline.readFrom(feed).withoutTimestamps(), AGGREGATES, ACCESSORS)
                .writeTo(Sinks.list(sinkName));

        Job job = member.getJet().newJob(pipeline, new JobConfig()
                .setProcessingGuarantee(ProcessingGuarantee.EXACTLY_ONCE).setSnapshotIntervalMillis(100));
        IList<Aggregated<Event>> sink = member.getList(sinkName);
        List<Aggregated<Event>> aggregated;
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> sink.size() >= 300);
            // a terminal snapshot, then the job starts again from it: the clock in a new epoch
            job.suspend();
            await().atMost(Duration.ofMinutes(2)).until(() -> job.getStatus() == JobStatus.SUSPENDED);
            assertThat(sink.size()).isLessThan(events.size());
            job.resume();
            await().atMost(Duration.ofMinutes(2)).until(() -> sink.size() >= events.size());
            aggregated = new ArrayList<>(sink);
        } finally {
            job.cancel();
        }

        assertCountedInOrder(events, aggregated);
    }
}
