package io.rulegrid.devservices;

import io.rulegrid.devservices.junit.WithPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Services of their own, each test: stops, restarts, data directories, and the errors that name what is wrong. */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang bound, not a speed requirement
@WithPostgres // the service that stopStopsThisServiceOnly does not stop
class PostgresServiceTest {

    @Test
    void dataAndUrlOutliveStopRestartAndANewServiceOnTheDirectory(@TempDir Path directory) throws SQLException {
        Path dataDirectory = directory.resolve("data");
        String url;
        try (PostgresService postgres = PostgresService.start(dataDirectory)) {
            url = postgres.url();
            Sql.execute(postgres, "CREATE TABLE fact (id int)", "INSERT INTO fact VALUES (42)");

            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            assertThatThrownBy(() -> Sql.column(postgres, "SELECT 1")).isInstanceOf(SQLException.class);

            postgres.restart();
            assertThat(postgres.url()).isEqualTo(url);
            assertThat(Sql.column(postgres, "SELECT id FROM fact")).containsExactly("42");
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();

        // as a JVM that starts again finds it
        try (PostgresService postgres = PostgresService.start(dataDirectory)) {
            assertThat(Sql.column(postgres, "SELECT id FROM fact")).containsExactly("42");
        }
    }

    @Test
    void aTemporaryDataDirectoryOutlivesStopAndGoesWithClose() throws SQLException {
        PostgresService postgres = PostgresService.start();
        try (postgres) {
            Sql.execute(postgres, "CREATE TABLE fact (id int)", "INSERT INTO fact VALUES (7)");
            postgres.stop();
            postgres.restart();
            assertThat(Sql.column(postgres, "SELECT id FROM fact")).containsExactly("7");
        }
        assertThat(postgres.dataDirectory()).doesNotExist();
        assertThatThrownBy(postgres::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecondServiceOnARunningDataDirectoryFailsNamingIt(@TempDir Path dataDirectory) throws SQLException {
        try (PostgresService first = PostgresService.start(dataDirectory)) {
            assertThatThrownBy(() -> PostgresService.start(dataDirectory))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(dataDirectory.toString())
                    .satisfies(e -> assertThat(((DataDirectoryInUseException) e).dataDirectory())
                            .isEqualTo(dataDirectory));

            assertThat(Sql.column(first, "SELECT 1")).containsExactly("1");
        }
    }

    @Test
    void aTakenPortFailsNamingIt(@TempDir Path dataDirectory) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> PostgresService.start(dataDirectory, taken.getLocalPort()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aDirectoryWithOtherFilesIsRefused(@TempDir Path dataDirectory) throws Exception {
        Files.writeString(dataDirectory.resolve("notes.txt"), "not PostgreSQL's");

        assertThatThrownBy(() -> PostgresService.start(dataDirectory))
                .isInstanceOf(DevServiceException.class)
                .hasMessageContaining(dataDirectory.toString());
        assertThat(dataDirectory.resolve("notes.txt")).exists();
    }

    @Test
    void stopStopsThisServiceOnly(PostgresService shared) throws SQLException {
        try (PostgresService stopped = PostgresService.start()) {
            stopped.stop();

            assertThat(stopped.dataDirectory().resolve("postmaster.pid")).doesNotExist();
            assertThat(Sql.column(shared, "SELECT 1")).containsExactly("1");
        }
    }
}
