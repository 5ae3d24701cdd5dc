package io.rulegrid.cli;

import io.rulegrid.api.Facts;
import io.rulegrid.api.MalformedFactException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code rulegrid events tail TOPIC [--from-beginning] [--max N] [--timeout SECONDS]}. */
@Command(name = "tail", mixinStandardHelpOptions = true, description = {
    "Print a topic's records, one JSON line each:",
    "{\"partition\":…,\"offset\":…,\"key\":…,\"value\":…}, the value as JSON when it",
    "is JSON, else as a string. Reads every partition, from its end (records",
    "sent from now on) or with --from-beginning from its start, without a",
    "consumer group, and only committed transactions. Runs until Ctrl-C, --max",
    "records, or --timeout seconds without a record."})
final class EventsTailCommand implements Callable<Integer> {

    /** Short, so that --timeout is kept to a fraction of a second. */
    private static final Duration POLL = Duration.ofMillis(200);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Option(names = "--from-beginning", description = "start at the first record of each partition")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "stop after N records")
    Long max;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "stop after SECONDS without a new record")
    Long timeoutSeconds;

    @Override
    public Integer call() {
        if (max != null && max < 1) {
            throw new CliException("--max is " + max + " but must be at least 1");
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new CliException("--timeout is " + timeoutSeconds + " but must be at least 1");
        }
        try (Consumer<String, String> consumer = kafka.consumer()) {
            assignAllPartitions(consumer);
            print(consumer, spec.commandLine().getOut());
        } catch (KafkaException e) {
            throw new CliException("cannot read topic " + topic + " at " + kafka.brokers() + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private void print(Consumer<String, String> consumer, PrintWriter out) {
        long printed = 0;
        long lastRecord = System.nanoTime();
        while (max == null || printed < max) {
            ConsumerRecords<String, String> records = consumer.poll(POLL);
            if (records.isEmpty()) {
                if (timeoutSeconds != null
                        && System.nanoTime() - lastRecord >= Duration.ofSeconds(timeoutSeconds).toNanos()) {
                    return;
                }
                continue;
            }
            lastRecord = System.nanoTime();
            for (ConsumerRecord<String, String> record : records) {
                out.println(Facts.toJson(json(record)));
                printed++;
                if (max != null && printed == max) {
                    return;
                }
            }
        }
    }

    private void assignAllPartitions(Consumer<String, String> consumer) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, KafkaOptions.BROKER_TIMEOUT);
        if (partitions.isEmpty()) {
            throw new CliException("topic " + topic + " does not exist at " + kafka.brokers());
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        consumer.assign(assigned);
        if (fromBeginning) {
            consumer.seekToBeginning(assigned);
        } else {
            consumer.seekToEnd(assigned);
            // seekToEnd only marks the partitions; asking for the positions fixes them now, so that a record sent
            // after the command started and before its first poll is printed
            assigned.forEach(consumer::position);
        }
    }

    /** The line printed for a record. */
    private static Map<String, Object> json(ConsumerRecord<String, String> record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("key", record.key());
        line.put("value", valueAsJson(record.value()));
        return line;
    }

    /** A value that is JSON as JSON, so that it reads as sent; any other text as a string; a tombstone as null. */
    private static Object valueAsJson(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Facts.parseValue(value);
        } catch (MalformedFactException e) {
            return value;
        }
    }
}
