package io.rulegrid.devservices;

import io.rulegrid.devservices.junit.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Brokers of their own, each test: stops, restarts, data directories, and the errors that name what is wrong. */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang bound, not a speed requirement
class KafkaServiceTest {

    @Test
    void topicsRecordsAndUrlOutliveStopRestartAndANewServiceOnTheDirectory(@TempDir Path directory)
            throws Exception {
        Path dataDirectory = directory.resolve("kafka");
        String url;
        try (KafkaService kafka = KafkaService.start(dataDirectory)) {
            url = kafka.url();
            kafka.createTopic("orders", 1);
            KafkaRecords.send(kafka, "orders", "o-1", "o-2");

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            assertThatThrownBy(() -> new Socket("127.0.0.1", kafka.port()).close())
                    .isInstanceOf(ConnectException.class);

            kafka.restart();
            assertThat(kafka.url()).isEqualTo(url);
            assertThat(KafkaRecords.read(kafka, "orders", 2)).containsExactly("o-1", "o-2");
            KafkaRecords.send(kafka, "orders", "o-3");

            assertThatThrownBy(() -> KafkaService.start(dataDirectory))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(dataDirectory.toString());
        }
        assertThat(dataDirectory.resolve("meta.properties")).exists();

        // as a JVM that starts again finds it: same address, same records
        try (KafkaService kafka = KafkaService.start(dataDirectory)) {
            assertThat(kafka.url()).isEqualTo(url);
            assertThat(KafkaRecords.read(kafka, "orders", 3)).containsExactly("o-1", "o-2", "o-3");
        }
    }

    @Test
    void aGivenPortIsTheUrlsAndATemporaryDataDirectoryGoesWithClose() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        KafkaService kafka = KafkaService.start(port);
        try (kafka) {
            assertThat(kafka.url()).isEqualTo("127.0.0.1:" + port);
            KafkaRecords.send(kafka, "temporary", "t-1");
            assertThat(KafkaRecords.read(kafka, "temporary", 1)).containsExactly("t-1");
        }
        assertThat(kafka.dataDirectory()).doesNotExist();
        assertThatThrownBy(kafka::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTakenPortFailsNamingIt(@TempDir Path directory) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> KafkaService.start(directory.resolve("given"), port))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .satisfies(e -> assertThat(((PortInUseException) e).port()).isEqualTo(port));

            // the port a directory recorded at its first start: the message says where, and how to move it
            Path recorded = Files.createDirectories(directory.resolve("recorded"));
            Files.writeString(recorded.resolve("rulegrid-kafka.properties"), "port=" + port + "\n");
            assertThatThrownBy(() -> KafkaService.start(recorded))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining(recorded + " recorded in rulegrid-kafka.properties");
        }
    }

    @Test
    void aDirectoryWithOtherFilesIsRefused(@TempDir Path dataDirectory) throws Exception {
        Files.writeString(dataDirectory.resolve("notes.txt"), "not Kafka's");

        assertThatThrownBy(() -> KafkaService.start(dataDirectory))
                .isInstanceOf(DevServiceException.class)
                .hasMessageContaining(dataDirectory.toString());
        assertThat(dataDirectory.resolve("notes.txt")).exists();
    }
}
