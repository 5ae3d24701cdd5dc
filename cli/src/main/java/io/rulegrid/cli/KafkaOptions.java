package io.rulegrid.cli;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** How the events commands reach Kafka: a picocli mixin, {@code --brokers}. */
final class KafkaOptions {

    /**
     * How long a command waits for a broker to answer, and for each later call. Kafka's clients would otherwise
     * retry an unreachable address for a minute (producer metadata) or forever (consumer), and say nothing.
     */
    static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);

    @Option(names = "--brokers", paramLabel = "HOST:PORT[,HOST:PORT…]",
            defaultValue = "${env:KAFKA_BROKERS:-127.0.0.1:9092}",
            description = "Kafka brokers to connect to (default: $KAFKA_BROKERS or 127.0.0.1:9092)")
    String brokers;

    /**
     * A producer of string keys and values that waits for all in-sync replicas ({@code acks=all}).
     *
     * @throws CliException naming the address when no broker answers within {@link #BROKER_TIMEOUT}
     */
    Producer<String, String> producer() {
        requireBroker();
        Map<String, Object> settings = common();
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        // bounds waiting for a topic's metadata, e.g. when the broker creates no topics on first use
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        return create(() -> new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer()));
    }

    /**
     * A consumer of string keys and values without a group (the caller assigns partitions), that reads only
     * committed transactions, as the pipelines' readers do.
     *
     * @throws CliException naming the address when no broker answers within {@link #BROKER_TIMEOUT}
     */
    Consumer<String, String> consumer() {
        requireBroker();
        Map<String, Object> settings = common();
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a mistyped topic is an error, not a new empty topic
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        return create(() -> new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer()));
    }

    /** The brokers as given, for messages. */
    String brokers() {
        return brokers;
    }

    /**
     * Asks the cluster for its id: Kafka's producer and consumer only retry an address where nothing listens, so
     * this is the one place where "no broker answers" can be told apart and said.
     */
    private void requireBroker() {
        Map<String, Object> settings = common();
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        Admin admin = create(() -> Admin.create(settings));
        try {
            admin.describeCluster().clusterId().get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CliException("cannot reach Kafka at " + brokers + ": no broker answered within "
                    + BROKER_TIMEOUT.toSeconds() + " s (is one running? give --brokers HOST:PORT or set"
                    + " $KAFKA_BROKERS; scripts/rulegrid node --embedded starts one and prints its address)", e);
        } catch (ExecutionException e) {
            throw new CliException("cannot reach Kafka at " + brokers + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while connecting to Kafka at " + brokers, e);
        } finally {
            // the call may still be retrying: do not wait for it
            admin.close(Duration.ZERO);
        }
    }

    private Map<String, Object> common() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, "rulegrid-cli");
        settings.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        return settings;
    }

    /** Creates a client; a bad address (no port, a name that does not resolve) is a {@link CliException}. */
    private <T> T create(Supplier<T> client) {
        try {
            return client.get();
        } catch (KafkaException e) {
            String reason = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            throw new CliException("cannot connect to Kafka at " + brokers + ": " + reason, e);
        }
    }
}
