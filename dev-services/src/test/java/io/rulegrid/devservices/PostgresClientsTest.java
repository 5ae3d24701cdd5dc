package io.rulegrid.devservices;

import io.rulegrid.devservices.junit.WithPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What clients of a running PostgreSQL see, on the shared server of the test JVM. */
@WithPostgres
class PostgresClientsTest {

    @Test
    void clientsCreateTablesAndRowsAsTheRuleGridRole(PostgresService postgres) throws SQLException {
        assertThat(postgres.url()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/rulegrid");

        Sql.execute(postgres, "CREATE TABLE clients_test (id int PRIMARY KEY, body text)",
                "INSERT INTO clients_test VALUES (1, 'one')");

        assertThat(Sql.column(postgres, "SELECT body FROM clients_test")).containsExactly("one");
        assertThat(Sql.column(postgres, "SELECT current_user")).containsExactly("rulegrid");
        assertThat(Sql.column(postgres, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"))
                .containsExactly("false");
    }

    @Test
    void passwordIsChecked(PostgresService postgres) {
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.url(), postgres.user(), "wrong").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void listensOnLoopbackOnlyAndOnNoUnixSocket(PostgresService postgres) throws SQLException {
        assertThat(Sql.column(postgres, "SHOW listen_addresses")).containsExactly("127.0.0.1");
        // where PostgreSQL puts its socket unless told otherwise
        assertThat(Path.of("/tmp/.s.PGSQL." + postgres.port())).doesNotExist();
    }

    @Test
    void createDatabaseGivesAnEmptyDatabaseOfTheRuleGridRole(PostgresService postgres) throws SQLException {
        Sql.execute(postgres, "CREATE TABLE IF NOT EXISTS clients_test (id int PRIMARY KEY, body text)");

        PostgresDatabase database = postgres.createDatabase("clients_test_orders");

        assertThat(database.url()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/clients_test_orders");
        assertThat(Sql.column(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
        Sql.execute(database, "CREATE TABLE fact (id int)");
        assertThatThrownBy(() -> postgres.createDatabase("clients_test_orders"))
                .isInstanceOf(DevServiceException.class).hasMessageContaining("exists already");
        assertThatThrownBy(() -> postgres.createDatabase("Orders-Test"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
