package io.rulegrid.devservices;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The few JDBC calls the tests make, as the role clients use. */
public final class Sql {

    private Sql() {
    }

    public static void execute(PostgresDatabase database, String... statements) throws SQLException {
        execute(database.url(), database.user(), database.password(), statements);
    }

    public static void execute(PostgresService postgres, String... statements) throws SQLException {
        execute(postgres.url(), postgres.user(), postgres.password(), statements);
    }

    /** The first column of every row of {@code query}, as strings. */
    public static List<String> column(PostgresDatabase database, String query) throws SQLException {
        return column(database.url(), database.user(), database.password(), query);
    }

    public static List<String> column(PostgresService postgres, String query) throws SQLException {
        return column(postgres.url(), postgres.user(), postgres.password(), query);
    }

    private static void execute(String url, String user, String password, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> column(String url, String user, String password, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
