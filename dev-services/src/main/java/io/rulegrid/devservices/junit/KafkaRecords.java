package io.rulegrid.devservices.junit;

import io.rulegrid.devservices.KafkaService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * The few Kafka client calls tests make against the broker of {@link WithKafka}: string records sent, and read back
 * from the start of a topic.
 */
public final class KafkaRecords {

    /** How long a read waits for the records it expects: a bound, not a speed requirement. */
    private static final Duration READ_BOUND = Duration.ofSeconds(30);

    private KafkaRecords() {
    }

    /** Sends {@code values} without keys, one after the other, each acknowledged before the next. */
    public static void send(KafkaService kafka, String topic, String... values)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings(kafka))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    /** Sends one keyed record and waits for its acknowledgement. */
    public static void sendKeyed(KafkaService kafka, String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings(kafka))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("cannot send to " + topic, e);
        }
    }

    /**
     * The committed records of {@code topic} from its start, all partitions, once {@code done} holds for those read
     * so far (checked after each poll); waits for the topic to exist (its first record may create it).
     *
     * @throws AssertionError if {@code done} does not hold within {@code patience}, naming what was read
     */
    public static List<ConsumerRecord<String, String>> readCommittedUntil(
            KafkaService kafka, String topic, Duration patience, Predicate<List<ConsumerRecord<String, String>>> done) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumerFromStart(kafka, topic, "read_committed")) {
            long deadline = System.nanoTime() + patience.toNanos();
            while (!done.test(records)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("read " + records.size() + " records of " + topic + " in " + patience
                            + " and still waiting");
                }
                // not created yet: asked again at each turn (partitionsFor waits for metadata a while)
                if (!consumer.assignment().isEmpty() || !assignFromStart(consumer, topic).isEmpty()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
            }
        }
        return records;
    }

    /** A producer of string records; with a {@code transactional.id} among {@code extra}, a transactional one. */
    public static KafkaProducer<String, String> producer(KafkaService kafka, Map<String, Object> extra) {
        Map<String, Object> settings = producerSettings(kafka);
        settings.putAll(extra);
        return new KafkaProducer<>(settings);
    }

    /** {@link #read(KafkaService, String, int, String)} as a consumer that reads uncommitted records too. */
    public static List<String> read(KafkaService kafka, String topic, int count) {
        return read(kafka, topic, count, "read_uncommitted");
    }

    /**
     * The values of {@code topic} from its start, partition after partition, as a consumer with the given
     * {@code isolation.level} reads them: polled until there are at least {@code count}, or 30 s have passed.
     */
    public static List<String> read(KafkaService kafka, String topic, int count, String isolationLevel) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerSettings(kafka, isolationLevel))) {
            List<TopicPartition> partitions = assignFromStart(consumer, topic);
            Map<Integer, List<String>> byPartition = new HashMap<>();
            int received = 0;
            long deadline = System.nanoTime() + READ_BOUND.toNanos();
            while (received < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record.value());
                    received++;
                }
            }
            List<String> values = new ArrayList<>();
            partitions.forEach(partition -> values.addAll(byPartition.getOrDefault(partition.partition(), List.of())));
            return values;
        }
    }

    /**
     * A consumer of string records with the given {@code isolation.level}, assigned every partition of {@code topic}
     * from its start; assigned none while the topic does not exist.
     */
    public static KafkaConsumer<String, String> consumerFromStart(KafkaService kafka, String topic,
                                                                  String isolationLevel) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerSettings(kafka, isolationLevel));
        assignFromStart(consumer, topic);
        return consumer;
    }

    /** Assigns the consumer every partition of {@code topic}, each at its start; returns them in partition order. */
    private static List<TopicPartition> assignFromStart(KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .toList();
        if (!partitions.isEmpty()) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        return partitions;
    }

    private static Map<String, Object> consumerSettings(KafkaService kafka, String isolationLevel) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.url(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }

    private static Map<String, Object> producerSettings(KafkaService kafka) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.url());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return settings;
    }
}
