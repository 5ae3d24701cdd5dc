package io.rulegrid.demo;

import io.rulegrid.cli.KafkaAcknowledgements;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's streaming phase: a day of orders ({@link DayOfOrders}) sent to the events topic of the members'
 * pipeline (configured in their rulegrid.yaml, see scripts/demo.sh), which upserts each order into the orders
 * namespace and evaluates the payment rules on its owner; the phase reads what the pipeline wrote back from the
 * decisions and dead-letter topics, as a downstream service would, and reports decisions per rule, the dead letters
 * with a reason, and the end-to-end rate, events per second from the first send to the last order's decision read.
 *
 * <p>Decisions are read with {@code isolation.level=read_committed}: a pipeline that writes its decisions in Kafka
 * transactions makes them visible only once committed, and the rate then includes that wait. At the end the phase
 * deletes the records it read and sent (up to the committed end of each topic): the embedded broker keeps its topics
 * from run to run, and a new cluster's pipeline job starts at the beginning of its events topic, so without this it
 * would apply every earlier run's day of orders again at each start.
 */
public final class StreamingPhase {

    private static final int PARTITIONS = 6;

    /** How long the phase waits for the next decision or dead letter before it reports the pipeline stalled. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final String brokers;
    private final String eventsTopic;
    private final String decisionsTopic;
    private final String deadLetterTopic;
    private final String namespace;
    private final PrintWriter out;

    public StreamingPhase(String brokers, String eventsTopic, String decisionsTopic, String deadLetterTopic, String namespace,
                   PrintWriter out) {
        this.brokers = brokers;
        this.eventsTopic = eventsTopic;
        this.decisionsTopic = decisionsTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.namespace = namespace;
        this.out = out;
    }

    /**
     * Sends {@code count} orders and the malformed events, and waits until every order has a decision and every
     * malformed event its dead letter.
     *
     * @throws PipelineStalledException if nothing new arrives for {@link #STALL}, or sending fails
     */
    void run(int count, int productCount, long seed) throws InterruptedException {
        String run = "day-" + Long.toString(System.currentTimeMillis(), 36);
        DayOfOrders day = DayOfOrders.generate(run, count, namespace, productCount, seed);
        List<DayOfOrders.Event> events = day.all();
        try (Admin admin = Admin.create(adminSettings())) {
            createIfMissing(admin, List.of(eventsTopic, decisionsTopic, deadLetterTopic));
        }
        PipelineTally tally = new PipelineTally(run, count);
        long start;
        long sendMillis;
        try (Consumer<String, String> consumer = consumer(); Producer<String, String> producer = producer()) {
            // from the current end: what is there is of earlier runs, and this run's records all come after it
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(decisionsTopic, deadLetterTopic)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            KafkaAcknowledgements sends = new KafkaAcknowledgements();
            start = System.nanoTime();
            for (DayOfOrders.Event event : events) {
                producer.send(new ProducerRecord<>(eventsTopic, event.key(), event.value()), sends);
            }
            producer.flush();
            sendMillis = (System.nanoTime() - start) / 1_000_000;
            require(sends, events.size());
            read(consumer, tally, count, day.malformed().size(), start);
        }
        report(tally, day, events.size(), start, sendMillis);
        truncate();
    }

    private void read(Consumer<String, String> consumer, PipelineTally tally, int orders, int malformed, long start) {
        long lastProgress = System.nanoTime();
        while (!tally.complete(malformed)) {
            int before = tally.decided() + tally.deadLetters();
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                if (record.topic().equals(decisionsTopic)) {
                    tally.decision(record.value(), System.nanoTime());
                } else {
                    tally.deadLetter(record.value());
                }
            }
            if (tally.decided() + tally.deadLetters() > before) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                throw new PipelineStalledException(String.format(Locale.ROOT, "the pipeline reading %s stalled:"
                                + " after %d s, %,d of %,d orders have a decision on %s and %d of %d malformed events"
                                + " a dead letter on %s, and nothing new came for %d s (see the members' logs)",
                        eventsTopic, (System.nanoTime() - start) / 1_000_000_000, tally.decided(), orders,
                        decisionsTopic,
                        tally.deadLetters(), malformed, deadLetterTopic, STALL.toSeconds()));
            }
        }
    }

    private void report(PipelineTally tally, DayOfOrders day, int sent, long start, long sendMillis) {
        double seconds = (tally.lastDecidedNanos() - start) / 1e9;
        out.printf(Locale.ROOT, "streaming: a day of %,d orders and %d malformed events sent to %s in %,d ms;"
                        + " the pipeline upserted and evaluated them on the members%n", day.orders().size(),
                day.malformed().size(), eventsTopic, sendMillis);
        out.printf(Locale.ROOT, "  decisions read from %s (read_committed): %,d, per rule %s%n", decisionsTopic,
                tally.decisions(), tally.decisionsPerRule());
        out.printf(Locale.ROOT, "  dead letters on %s: %d, e.g. %s%n", deadLetterTopic, tally.deadLetters(),
                tally.deadLetterSample());
        out.printf(Locale.ROOT, "  end to end: %,d events in %.1f s from the first send to the last order's decision"
                + " read, %,.0f events/s%s%n", sent, seconds, sent / seconds,
                tally.duplicates() == 0 ? "" : String.format(Locale.ROOT, " (%,d records read twice, left out)",
                        tally.duplicates()));
    }

    /**
     * Deletes the records of the three topics up to their committed end, so that the next run's pipeline job,
     * which starts at the beginning of the events topic, does not apply this day again, and data/kafka stays small.
     */
    private void truncate() throws InterruptedException {
        try (Admin admin = Admin.create(adminSettings())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(eventsTopic, decisionsTopic, deadLetterTopic)) {
                admin.describeTopics(List.of(topic)).allTopicNames().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(topic).partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                                OffsetSpec.latest()));
            }
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, end) -> delete.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(delete).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the demo's report stands; the next run's pipeline would apply this day again, which changes nothing
            out.printf("  could not delete the day's records from %s at %s (the next run applies them again): %s%n",
                    eventsTopic, brokers, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /**
     * Creates the topics that do not exist yet, with a partition per source processor of the 3 members (2 each):
     * one partition would leave all the job's reading, in order, to one processor.
     */
    private void createIfMissing(Admin admin, List<String> topics) throws InterruptedException {
        for (String topic : topics) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new PipelineStalledException("cannot create topic " + topic + " at " + brokers + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new PipelineStalledException("cannot reach Kafka at " + brokers + ": no answer within "
                        + ADMIN_TIMEOUT.toSeconds() + " s", e);
            }
        }
    }

    private Map<String, Object> adminSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return settings;
    }

    private Producer<String, String> producer() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, "rulegrid-demo");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        // a day's orders go out as fast as the broker takes them, in batches
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    /** Without a group (partitions are assigned), committed transactions only, as the pipelines' readers must. */
    private Consumer<String, String> consumer() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, "rulegrid-demo");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }

    /** @throws PipelineStalledException unless all {@code expected} sends were acknowledged */
    private void require(KafkaAcknowledgements sends, int expected) {
        Exception failure = sends.firstFailure();
        if (failure != null || sends.acknowledged() != expected) {
            throw new PipelineStalledException("only " + sends.acknowledged() + " of " + expected + " events were"
                    + " acknowledged by Kafka at " + brokers + " on " + eventsTopic
                    + (failure == null ? "" : ": " + failure.getMessage()), failure);
        }
    }
}
