package io.rulegrid.cli;

import io.rulegrid.devservices.KafkaService;
import io.rulegrid.devservices.junit.KafkaRecords;
import io.rulegrid.devservices.junit.WithKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code rulegrid events send} and {@code events tail} against a real Kafka broker in the test JVM. */
@WithKafka
class EventsCommandTest {

    private static final String EVENTS = """
            {"id":"e-1","key":"o-1","op":"upsert","fact":{"total":150,"status":"NEW"}}
            {"id":"e-2","key":"o-2",
            {"id":"e-3","key":7,"op":"delete"}
            """;

    @TempDir
    Path dir;

    private Path events() throws IOException {
        return Files.writeString(dir.resolve("events.jsonl"), EVENTS);
    }

    @Test
    void sendsEachLineKeyedByItsKeyFieldAndReportsAMalformedLine(KafkaService kafka) throws IOException {
        Path file = events();

        CliRun run = CliRun.run("events", "send", "send-test", file.toString(), "--brokers", kafka.url());

        assertThat(run.exit()).isEqualTo(RuleGridCli.ERROR);
        assertThat(run.err()).startsWith(file + ":2: ");
        assertThat(run.out()).isEqualTo("sent 2 events to send-test (1 skipped)\n");
        assertThat(KafkaRecords.readCommittedUntil(kafka, "send-test", Duration.ofSeconds(20), read -> read.size() >= 2))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(
                        tuple("o-1", "{\"id\":\"e-1\",\"key\":\"o-1\",\"op\":\"upsert\",\"fact\":{\"total\":150,"
                                + "\"status\":\"NEW\"}}"),
                        tuple("7", "{\"id\":\"e-3\",\"key\":7,\"op\":\"delete\"}"));
    }

    @Test
    void tailsFromTheBeginningAsJsonLines(KafkaService kafka) throws IOException {
        CliRun send = CliRun.run("events", "send", "tail-test", events().toString(), "--brokers", kafka.url());
        assertThat(send.out()).startsWith("sent 2 events");

        CliRun tail = CliRun.run("events", "tail", "tail-test", "--from-beginning", "--max", "2", "--timeout", "20",
                "--brokers", kafka.url());

        assertThat(tail.err()).isEmpty();
        assertThat(tail.exit()).isZero();
        assertThat(tail.out()).isEqualTo("""
                {"partition":0,"offset":0,"key":"o-1","value":{"id":"e-1","key":"o-1","op":"upsert",\
                "fact":{"total":150,"status":"NEW"}}}
                {"partition":0,"offset":1,"key":"7","value":{"id":"e-3","key":7,"op":"delete"}}
                """);
    }

    @Test
    void saysWithinTheTimeoutThatNoBrokerAnswers() throws IOException {
        long start = System.nanoTime();

        CliRun run = CliRun.run("events", "send", "nowhere", events().toString(), "--brokers", "127.0.0.1:1");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(run.exit()).isEqualTo(RuleGridCli.ERROR);
        assertThat(run.err()).contains("cannot reach Kafka at 127.0.0.1:1: no broker answered within 5 s");
    }

    @Test
    void helpSaysWhatEachCommandDoes() {
        CliRun send = CliRun.run("events", "send", "--help");
        CliRun tail = CliRun.run("events", "tail", "--help");

        assertThat(send.out()).contains("Usage: rulegrid events send", "FILE:LINE: reason", "--key-field=FIELD",
                "--brokers=HOST:PORT");
        assertThat(tail.out()).contains("Usage: rulegrid events tail", "--from-beginning", "--max=N",
                "--timeout=SECONDS", "--brokers=HOST:PORT");
    }
}
