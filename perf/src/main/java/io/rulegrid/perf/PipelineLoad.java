package io.rulegrid.perf;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends {@link OrderEvents} to a pipeline's events topic and reads its decisions back, as an application would: a
 * producer with {@code acks=all}, and on a thread of its own a consumer with {@code isolation.level=read_committed},
 * so that a decision counts once the pipeline has committed it (with exactly-once, when the job's snapshot commits
 * its Kafka transaction). An event is decided when its first decision is read; a decision read again (a restarted
 * job writes what it wrote since its last snapshot again) is counted once.
 *
 * <p>Two kinds of phase: {@link #saturate} sends as fast as the pipeline decides, keeping a backlog of about two
 * seconds of its rate on the events topic, and measures events per second from the first send to the last
 * decision read; {@link #paced} sends at a fixed rate and times each event from when it was due to be sent to
 * when its decision was read (from the due time, not the actual send, so that a sender that falls behind does not
 * hide the wait: no coordinated omission), into an HdrHistogram.
 */
final class PipelineLoad implements AutoCloseable {

    /** The backlog's floor, and its size in seconds of the rate decided over the last second. */
    private static final int MIN_BACKLOG = 5_000;
    private static final double BACKLOG_SECONDS = 2.0;
    /** How long a phase waits for the next decision before it gives up on the events still undecided. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(20);
    /** Latencies up to this are recorded as measured, longer ones as this. */
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final String eventsTopic;
    private final OrderEvents events;
    private final Producer<String, String> producer;
    private final Sends sends = new Sends();
    private final Consumer<String, String> consumer;
    private final String deadLetterTopic;
    private final Thread reader;
    private volatile boolean stopping;
    private final AtomicReference<Throwable> readerFailure = new AtomicReference<>();

    /** Written by the reader only: events with a decision read, and events whose first output's decision was read. */
    private final BitSet decided = new BitSet();
    private final BitSet firstOutputs = new BitSet();
    private final AtomicLong decidedCount = new AtomicLong();
    /** Events whose decisions were read twice: a restarted job writes what it wrote since its last snapshot again. */
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile long lastDecidedNanos;
    /** The paced phase under way, whose events the reader times; {@code null} otherwise. */
    private volatile Timing timing;

    /** The next event's number, and the sender's only. */
    private int next;

    PipelineLoad(String brokers, String eventsTopic, String decisionsTopic, String deadLetterTopic, OrderEvents events) {
        this.eventsTopic = eventsTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.events = events;
        this.producer = producer(brokers);
        this.consumer = consumer(brokers);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(decisionsTopic, deadLetterTopic)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.reader = new Thread(this::read, "kafka-bench-decisions");
        reader.setDaemon(true);
        reader.start();
    }

    /** The events sent and decided, and when: a phase's result. */
    record Phase(int events, long firstSendNanos, long lastSendNanos, long lastDecidedNanos, int undecided) {

        double seconds() {
            return (lastDecidedNanos - firstSendNanos) / 1e9;
        }

        /** Events per second from the first send to the last decision read. */
        double eventsPerSecond() {
            return events / seconds();
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("events", events);
            json.put("sendingSeconds", (lastSendNanos - firstSendNanos) / 1e9);
            json.put("secondsToLastDecision", seconds());
            json.put("eventsPerSecond", eventsPerSecond());
            json.put("undecided", undecided);
            return json;
        }
    }

    /**
     * Sends for {@code seconds} as fast as the pipeline decides, keeping at most a backlog of about
     * {@value #BACKLOG_SECONDS} s of its rate (at least {@value #MIN_BACKLOG} events) undecided, then waits for
     * the last decision.
     */
    Phase saturate(int seconds) {
        int first = next;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        RateSampler rate = new RateSampler(start, decidedCount.get());
        long now = start;
        while (now < end) {
            long backlog = Math.max(MIN_BACKLOG, (long) (rate.perSecond() * BACKLOG_SECONDS));
            if (next - first - (decidedCount.get() - rate.baseline()) < backlog) {
                send(next++);
            } else {
                LockSupport.parkNanos(100_000);
            }
            now = System.nanoTime();
            rate.sample(now, decidedCount.get());
        }
        long lastSend = System.nanoTime();
        return awaitDecided(first, start, lastSend);
    }

    /**
     * Sends {@code rate} events per second for {@code seconds}, each timed from when it was due to when its first
     * decision was read, then waits for the last decision.
     */
    Paced paced(double rate, int seconds) {
        int count = (int) Math.round(rate * seconds);
        int first = next;
        Timing phase = new Timing(first, count);
        timing = phase;
        double interval = 1e9 / rate;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * interval);
            long wait = due - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            }
            phase.due.set(i, due);
            send(next++);
        }
        long lastSend = System.nanoTime();
        Phase done = awaitDecided(first, start, lastSend);
        timing = null;
        return new Paced(rate, done, phase.histogram, phase.toMember);
    }

    /**
     * A paced phase: the rate asked for, what it achieved, each event's latency in microseconds, and the part of it
     * until the member had the evaluation's result, in milliseconds (wall clocks, this JVM's and the member's: the
     * same clock here).
     */
    record Paced(double rate, Phase phase, Histogram latencyMicros, Histogram toMemberMillis) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("targetEventsPerSecond", rate);
            json.putAll(phase.json());
            json.put("timed", latencyMicros.getTotalCount());
            json.put("p50Millis", millis(50));
            json.put("p90Millis", millis(90));
            json.put("p99Millis", millis(99));
            json.put("p999Millis", millis(99.9));
            json.put("maxMillis", latencyMicros.getMaxValue() / 1e3);
            Map<String, Object> toMember = new LinkedHashMap<>();
            toMember.put("p50Millis", toMemberMillis.getValueAtPercentile(50));
            toMember.put("p99Millis", toMemberMillis.getValueAtPercentile(99));
            json.put("untilEvaluated", toMember);
            return json;
        }

        double millis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1e3;
        }
    }

    long decisions() {
        return decisions.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long deadLetters() {
        return deadLetters.get();
    }

    private void send(int n) {
        Throwable failure = sends.failure.get();
        if (failure != null) {
            throw new IllegalStateException("Kafka refused an event on " + eventsTopic + ": " + failure.getMessage(),
                    failure);
        }
        producer.send(new ProducerRecord<>(eventsTopic, events.key(n), events.value(n)), sends);
    }

    /** Waits until events {@code first} to {@code next - 1} have their decisions, or none comes for {@link #STALL}. */
    private Phase awaitDecided(int first, long start, long lastSend) {
        producer.flush();
        int count = next - first;
        long lastProgress = System.nanoTime();
        long seen = decidedCount.get();
        while (undecided(first) > 0) {
            if (readerFailure.get() != null) {
                throw new IllegalStateException("the decisions reader failed", readerFailure.get());
            }
            LockSupport.parkNanos(10_000_000);
            long now = decidedCount.get();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                break;
            }
        }
        return new Phase(count, start, lastSend, lastDecidedNanos, undecided(first));
    }

    /** Events from {@code first} on not decided yet; reads the reader's bit set under its lock. */
    private int undecided(int first) {
        synchronized (decided) {
            return (next - first) - decided.get(first, next).cardinality();
        }
    }

    private void read() {
        try {
            while (!stopping) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (record.topic().equals(deadLetterTopic)) {
                        deadLetters.incrementAndGet();
                        continue;
                    }
                    decisions.incrementAndGet();
                    decide(record.value(), System.nanoTime());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable e) {
            readerFailure.set(e);
        }
    }

    private void decide(String decision, long now) {
        int n = OrderEvents.eventNumber(decision);
        if (n < 0) {
            return;
        }
        // under the lock that undecided() takes: once it counts an event decided, its latency is recorded
        synchronized (decided) {
            if (OrderEvents.decisionIndex(decision) == 0) {
                if (firstOutputs.get(n)) {
                    // every event has an output 0: read again, it is a decision written again
                    duplicates.incrementAndGet();
                }
                firstOutputs.set(n);
            }
            if (decided.get(n)) {
                return;
            }
            decided.set(n);
            Timing phase = timing;
            if (phase != null && n >= phase.first && n < phase.first + phase.count) {
                long due = phase.due.get(n - phase.first);
                if (due != 0) {
                    phase.histogram.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, (now - due) / 1_000)));
                    long evaluated = OrderEvents.decisionTimestamp(decision);
                    if (evaluated > 0) {
                        long dueMillis = due / 1_000_000 + phase.wallClockOffsetMillis;
                        phase.toMember.recordValue(Math.min(MAX_LATENCY_MICROS / 1_000,
                                Math.max(0, evaluated - dueMillis)));
                    }
                }
            }
            lastDecidedNanos = now;
            decidedCount.incrementAndGet();
        }
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
    }

    /** The due times of a paced phase's events and their latencies; the histogram is the reader's alone. */
    private static final class Timing {
        final int first;
        final int count;
        final AtomicLongArray due;
        final Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
        /** Milliseconds from when an event was due to when the member had its result (the decision's timestamp). */
        final Histogram toMember = new Histogram(MAX_LATENCY_MICROS / 1_000, 3);
        /** {@link System#currentTimeMillis()} minus {@link System#nanoTime()} in milliseconds, for due times. */
        final long wallClockOffsetMillis = System.currentTimeMillis() - System.nanoTime() / 1_000_000;

        Timing(int first, int count) {
            this.first = first;
            this.count = count;
            this.due = new AtomicLongArray(count);
        }
    }

    /** The rate decided over about the last second, from samples of the decided count every 100 ms. */
    private static final class RateSampler {
        private static final int SLOTS = 10;
        private static final long SLOT_NANOS = 100_000_000L;
        private final long[] times = new long[SLOTS + 1];
        private final long[] counts = new long[SLOTS + 1];
        private final long baseline;
        private int samples;

        RateSampler(long now, long decided) {
            this.baseline = decided;
            times[0] = now;
            counts[0] = decided;
            samples = 1;
        }

        long baseline() {
            return baseline;
        }

        void sample(long now, long decided) {
            int last = (samples - 1) % times.length;
            if (now - times[last] >= SLOT_NANOS) {
                int slot = samples % times.length;
                times[slot] = now;
                counts[slot] = decided;
                samples++;
            }
        }

        double perSecond() {
            if (samples < 2) {
                return 0;
            }
            int newest = (samples - 1) % times.length;
            int oldest = samples > times.length ? samples % times.length : 0;
            long nanos = times[newest] - times[oldest];
            return nanos == 0 ? 0 : (counts[newest] - counts[oldest]) * 1e9 / nanos;
        }
    }

    /** The producer's acknowledgements: the first failure stops the benchmark at the next send. */
    private static final class Sends implements Callback {
        final AtomicReference<Exception> failure = new AtomicReference<>();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        }
    }

    private static Producer<String, String> producer(String brokers) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, "rulegrid-kafka-bench");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        // a millisecond of batching: little next to the latencies measured, and batches at high rates
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    private static Consumer<String, String> consumer(String brokers) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, "rulegrid-kafka-bench");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }
}
