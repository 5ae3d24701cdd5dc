package io.rulegrid.node;

import io.rulegrid.devservices.KafkaService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka broker of {@code rulegrid node --embedded}: where its data goes, and the line scripts read. */
class EmbeddedKafkaTest {

    @Test
    void keepsItsDataInTheDataDirectoryAndPrintsTheSameAddressAtEachRun(@TempDir Path dataDir) {
        Path kafkaData = dataDir.resolve("kafka").toAbsolutePath();
        String firstRunLine;
        try (Started first = start(dataDir)) {
            firstRunLine = first.line;
            assertThat(first.kafka.dataDirectory()).isEqualTo(kafkaData);
            assertThat(first.line).isEqualTo("embedded Kafka 127.0.0.1:" + first.kafka.port() + " (data in " + kafkaData
                    + ")" + System.lineSeparator());
        }
        try (Started second = start(dataDir)) {
            assertThat(second.line).isEqualTo(firstRunLine);
        }
    }

    /** The broker {@code startEmbeddedKafka} started, and what it printed. */
    private record Started(KafkaService kafka, String line) implements AutoCloseable {

        @Override
        public void close() {
            kafka.close();
        }
    }

    private static Started start(Path dataDir) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream standardOutput = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        KafkaService kafka;
        try {
            kafka = RuleGridNodeMain.startEmbeddedKafka(dataDir);
        } finally {
            System.setOut(standardOutput);
        }
        return new Started(kafka, printed.toString(StandardCharsets.UTF_8));
    }
}
