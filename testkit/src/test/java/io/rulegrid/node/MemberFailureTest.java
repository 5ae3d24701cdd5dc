package io.rulegrid.node;

import io.rulegrid.testkit.LocalCluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.rulegrid.api.Facts;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A member killed (not shut down) while client updates run, and a member stopped gracefully: nothing
 * acknowledged is lost. Bulk evaluation across a member's crash is tested with the client that coordinates it
 * ({@code BulkEvaluationTest} in {@code client/}).
 */
class MemberFailureTest {

    private static final int FACTS = 3_000;
    private static final int WRITTEN_KEYS = 200;

    @Test
    void killedMemberLosesNoAcknowledgedUpdate() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            HazelcastInstance client = WireClients.of(cluster);
            try {
                killDuringUpdates(cluster, client);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void gracefullyStoppedMemberHandsItsFactsOverBeforeLeaving() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            HazelcastInstance client = WireClients.of(cluster);
            try {
                IMap<String, HazelcastJsonValue> facts = client.getMap("handover");
                Map<String, HazelcastJsonValue> batch = new java.util.HashMap<>();
                for (int i = 0; i < FACTS; i++) {
                    batch.put("h-" + i, new HazelcastJsonValue("{\"n\":" + i + "}"));
                }
                facts.putAll(batch);

                cluster.stop(1);
                cluster.stop(2);  // both backups' members gone: only a graceful hand-over keeps every fact

                assertThat(facts.size()).isEqualTo(FACTS);
                for (int i = 0; i < FACTS; i++) {
                    assertThat(facts.get("h-" + i).getValue()).isEqualTo("{\"n\":" + i + "}");
                }
            } finally {
                client.shutdown();
            }
        }
    }

    private static void killDuringUpdates(LocalCluster cluster, HazelcastInstance client)
            throws Exception {
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        CountDownLatch someWritten = new CountDownLatch(500);
        ExecutorService background = Executors.newFixedThreadPool(1);
        Future<?> writer = background.submit(() -> {
            IMap<String, HazelcastJsonValue> updates = client.getMap("updates");
            for (long seq = 1; writing.get(); seq++) {
                String key = "w-" + (seq % WRITTEN_KEYS);
                try {
                    updates.set(key, new HazelcastJsonValue("{\"seq\":" + seq + "}"));
                } catch (RuntimeException connectionToKilledMember) {
                    continue;  // not acknowledged: the caller would retry; the next write of the key does
                }
                acknowledged.put(key, seq);
                writes.incrementAndGet();
                someWritten.countDown();
            }
            return null;
        });
        assertThat(someWritten.await(60, TimeUnit.SECONDS)).isTrue();
        cluster.kill(2);
        // updates go on after the member loss: they reach the promoted partitions
        long writtenAtTheKill = writes.get();
        await().atMost(1, TimeUnit.MINUTES).until(() -> writes.get() >= writtenAtTheKill + 100);
        writing.set(false);
        writer.get(1, TimeUnit.MINUTES);
        cluster.awaitSafe();

        IMap<String, HazelcastJsonValue> updates = client.getMap("updates");
        assertThat(updates.size()).isEqualTo(WRITTEN_KEYS);
        acknowledged.forEach((key, seq) -> assertThat((Long) Facts.parse(updates.get(key).getValue()).get("seq"))
                .as("last acknowledged update of %s", key).isGreaterThanOrEqualTo(seq));
        background.shutdownNow();
    }
}
