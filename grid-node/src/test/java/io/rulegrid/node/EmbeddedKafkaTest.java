package io.rulegrid.node;

import io.rulegrid.devservices.KafkaService;
import io.rulegrid.node.config.KafkaConfig;
import io.rulegrid.node.config.PipelineConfig;
import io.rulegrid.node.config.RuleGridConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka broker of {@code rulegrid node --embedded}: where its data goes, the line scripts read, and that the
 * member's pipelines use it unless a Kafka is configured.
 */
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

    @Test
    void pipelinesUseTheEmbeddedBrokerUnlessKafkaIsConfigured(@TempDir Path dataDir) {
        PipelineConfig orders = new PipelineConfig("order-events", "orders", "pricing", "order-decisions",
                "order-events-dead");
        RuleGridConfig withoutKafka = new RuleGridConfig(null, Map.of(), null, Map.of("orders", orders));
        RuleGridConfig withKafka = new RuleGridConfig(null, Map.of(), new KafkaConfig("10.0.0.1:9092"),
                Map.of("orders", orders));
        try (Started started = start(dataDir)) {
            assertThat(started.builder.kafkaConfig(withoutKafka).bootstrapServers()).isEqualTo(started.kafka.url());
            assertThat(started.builder.kafkaConfig(withKafka).bootstrapServers()).isEqualTo("10.0.0.1:9092");
            assertThat(started.builder.environment(Map.of(KafkaConfig.ENV_BROKERS, "10.0.0.2:9092"))
                    .kafkaConfig(withoutKafka).bootstrapServers()).isEqualTo("10.0.0.2:9092");
        }
    }

    /** The broker {@code startEmbeddedKafka} started, the builder it was given, and what it printed. */
    private record Started(KafkaService kafka, RuleGridNode.Builder builder, String line) implements AutoCloseable {

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
        RuleGridNode.Builder builder = RuleGridNode.builder();
        try {
            kafka = RuleGridNodeMain.startEmbeddedKafka(dataDir, builder);
        } finally {
            System.setOut(standardOutput);
        }
        return new Started(kafka, builder, printed.toString(StandardCharsets.UTF_8));
    }
}
