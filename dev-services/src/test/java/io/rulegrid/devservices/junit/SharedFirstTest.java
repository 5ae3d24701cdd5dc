package io.rulegrid.devservices.junit;

import io.rulegrid.devservices.PostgresDatabase;
import io.rulegrid.devservices.PostgresService;
import io.rulegrid.devservices.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** One of two classes that ask for the shared PostgreSQL: both get the same service and each its own database. */
@WithPostgres
class SharedFirstTest {

    @BeforeAll
    static void createTable(PostgresDatabase database) throws SQLException {
        // the other class creates the same table: in one database, one of the two would fail here
        Sql.execute(database, "CREATE TABLE probe (owner text)", "INSERT INTO probe VALUES ('first')");
    }

    @Test
    void getsTheSharedService(PostgresService postgres) {
        assertThat(postgres.isRunning()).isTrue();
        SharedInstances.sharedServiceOf(SharedFirstTest.class, postgres);
    }

    @Test
    void seesOnlyItsOwnDatabase(PostgresDatabase database, PostgresService postgres) throws SQLException {
        SharedInstances.databaseOf(SharedFirstTest.class, database);
        assertThat(database.url()).startsWith("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/");
        assertThat(Sql.column(database, "SELECT owner FROM probe")).containsExactly("first");
    }
}
