package io.rulegrid.node;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.rulegrid.devservices.PostgresDatabase;
import io.rulegrid.devservices.PostgresService;
import io.rulegrid.devservices.junit.WithPostgres;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.RuleSetRecord;
import io.rulegrid.grid.wire.RegistryTask;
import io.rulegrid.node.config.PostgresConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One member persisting to a real PostgreSQL: the registry's rows and events, a LAZY namespace, a removed
 * fact's row, and the {@code --embedded} data directory across a stop of member and PostgreSQL.
 */
@WithPostgres
class PersistentMemberTest {

    private static final String PRICING = "ruleset \"pricing\"\nrule \"r\" { when price > %d then tier = \"gold\" }";

    private static RuleGridNode.Builder member(PostgresDatabase database, Path dir, String namespaces) throws Exception {
        Path yaml = dir.resolve("rulegrid.yaml");
        Files.writeString(yaml, "namespaces:\n" + namespaces.indent(2));
        return RuleGridNode.builder().clusterName("persistent-" + dir.getFileName()).port(freePort())
                .members("127.0.0.1").rulegridYaml(yaml)
                .postgres(PostgresConfig.of(database.url(), database.user(), database.password()));
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int change(RuleGridNode node, RegistryTask task) throws Exception {
        return node.hazelcast().getExecutorService(GridNames.EXECUTOR).submit(task).get(1, TimeUnit.MINUTES).version();
    }

    private static RuleSetRecord record(RuleGridNode node, String name) {
        return RuleSetRecord.fromJson(node.hazelcast().<String, HazelcastJsonValue>getMap(GridNames.RULESETS_MAP).get(name));
    }

    private static List<String> query(PostgresDatabase database, String sql, String parameter) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                        columns.add(result.getString(i));
                    }
                    rows.add(String.join(" ", columns));
                }
            }
        }
        return rows;
    }

    @Test
    void registryChangesAreRowsAndEventsAndComeBackAfterARestart(PostgresDatabase database, @TempDir Path dir)
            throws Exception {
        RuleSetRecord stored;
        String member;
        try (RuleGridNode node = member(database, dir, "{}\n").start()) {
            member = node.address();
            assertThat(change(node, RegistryTask.deploy("pricing.grl", PRICING.formatted(10)))).isEqualTo(1);
            assertThat(change(node, RegistryTask.deploy("pricing.grl", PRICING.formatted(20)))).isEqualTo(2);
            assertThat(change(node, RegistryTask.activate("pricing", 1))).isEqualTo(1);
            stored = record(node, "pricing");
        }

        assertThat(query(database, "SELECT version, status, source_name, deployed_by, checksum = encode(sha256("
                + "convert_to(source, 'UTF8')), 'hex') FROM rulesets WHERE name = ? ORDER BY version", "pricing"))
                .containsExactly("1 ACTIVE pricing.grl " + member + " t", "2 INACTIVE pricing.grl " + member + " t");
        assertThat(query(database, "SELECT seq, type, version, actor FROM ruleset_events WHERE name = ? ORDER BY seq",
                "pricing")).containsExactly("1 DEPLOY 1 " + member, "2 DEPLOY 2 " + member, "3 ROLLBACK 1 " + member);

        try (RuleGridNode node = member(database, dir, "{}\n").start()) {
            assertThat(record(node, "pricing")).isEqualTo(stored);
            assertThat(change(node, RegistryTask.activate("pricing", 2))).isEqualTo(2);
        }
        assertThat(query(database, "SELECT type, version FROM ruleset_events WHERE name = ? AND seq = 4", "pricing"))
                .containsExactly("ACTIVATE 2");
    }

    @Test
    void lazyNamespaceLoadsPerKeyAndARemovedFactIsADeletedRow(PostgresDatabase database, @TempDir Path dir)
            throws Exception {
        try (RuleGridNode node = member(database, dir, "customers:\n  persistent: true\n  initial-load: LAZY\n")
                .start()) {
            try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO facts_customers (key, fact, version, updated_at) VALUES (?, ?::jsonb, 1, now())")) {
                insert.setString(1, "c-stored");
                insert.setString(2, "{\"name\":\"Ada\"}");
                insert.executeUpdate();
            }
            IMap<String, HazelcastJsonValue> customers = node.hazelcast().getMap("customers");
            assertThat(customers.size()).as("LAZY: nothing loaded at start").isZero();
            assertThat(customers.get("c-stored").getValue()).isEqualTo("{\"name\": \"Ada\"}");

            customers.set("c-new", new HazelcastJsonValue("{\"name\":\"Grace\"}"));
            await().atMost(1, TimeUnit.MINUTES).until(() -> query(database,
                    "SELECT fact->>'name', version FROM facts_customers WHERE key = ?", "c-new"), rows -> rows.equals(
                    List.of("Grace 1")));
            customers.set("c-new", new HazelcastJsonValue("{\"name\":\"Grace H.\"}"));
            await().atMost(1, TimeUnit.MINUTES).until(() -> query(database,
                    "SELECT fact->>'name', version FROM facts_customers WHERE key = ?", "c-new"), rows -> rows.equals(
                    List.of("Grace H. 2")));
            customers.delete("c-new");
            await().atMost(1, TimeUnit.MINUTES).until(() -> query(database,
                    "SELECT key FROM facts_customers ORDER BY key", null), rows -> rows.equals(List.of("c-stored")));
        }
    }

    @Test
    void embeddedDataDirectoryKeepsRulesetsAndFactsAcrossAStopOfMemberAndPostgres(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        Path yaml = dir.resolve("rulegrid.yaml");
        Files.writeString(yaml, "namespaces:\n  products:\n    persistent: true\n");
        for (int run = 1; run <= 2; run++) {
            RuleGridNode.Builder builder = RuleGridNode.builder().clusterName("embedded-" + dir.getFileName())
                    .port(freePort()).members("127.0.0.1").rulegridYaml(yaml);
            try (PostgresService postgres = RuleGridNodeMain.startEmbeddedPostgres(dataDir, builder);
                 RuleGridNode node = builder.start()) {
                assertThat(postgres.dataDirectory()).isEqualTo(dataDir.resolve("postgres").toAbsolutePath());
                IMap<String, HazelcastJsonValue> products = node.hazelcast().getMap("products");
                if (run == 1) {
                    change(node, RegistryTask.deploy("pricing.grl", PRICING.formatted(10)));
                    products.set("p-1", new HazelcastJsonValue("{\"price\":12}"));
                } else {
                    assertThat(record(node, "pricing").active()).isEqualTo(1);
                    assertThat(products.get("p-1").getValue()).isEqualTo("{\"price\": 12}");
                }
            }
        }
    }
}
