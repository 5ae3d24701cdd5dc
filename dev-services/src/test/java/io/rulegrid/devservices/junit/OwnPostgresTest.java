package io.rulegrid.devservices.junit;

import io.rulegrid.devservices.PostgresDatabase;
import io.rulegrid.devservices.PostgresService;
import io.rulegrid.devservices.Sql;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A class that restarts PostgreSQL gets one of its own, not the shared one. */
@WithPostgres(shared = false)
class OwnPostgresTest {

    @Test
    void restartsItsOwnServiceOnTheSameUrlWithTheData(PostgresService postgres, PostgresDatabase database)
            throws SQLException {
        if (SharedInstances.shared() != null) {
            assertThat(postgres).isNotSameAs(SharedInstances.shared());
        }
        Sql.execute(database, "CREATE TABLE fact (id int)", "INSERT INTO fact VALUES (1)");
        String url = database.url();

        postgres.stop();
        postgres.restart();

        assertThat(database.url()).isEqualTo(url);
        assertThat(Sql.column(database, "SELECT id FROM fact")).containsExactly("1");
    }
}
