package io.rulegrid.node;

import io.rulegrid.node.config.InitialLoad;
import io.rulegrid.node.config.InvalidConfigException;
import io.rulegrid.node.config.NamespaceConfig;
import io.rulegrid.node.config.PostgresConfig;
import io.rulegrid.node.config.RuleGridConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * rulegrid.yaml's persistence settings: postgres (with the RULEGRID_PG_* variables over it) and the options of
 * persistent namespaces, their defaults, and every refusal naming the file or variable and the key. No database:
 * these are checked before a member connects.
 */
class PersistenceConfigTest {

    private static final String POSTGRES = """
            postgres:
              url: jdbc:postgresql://127.0.0.1:5432/rulegrid
              user: rulegrid
              password: secret
            """;

    private static Path write(Path dir, String content) throws Exception {
        Path file = dir.resolve("rulegrid.yaml");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void persistentNamespacesTakeTheirOptionsOrTheDefaults(@TempDir Path dir) throws Exception {
        Path file = write(dir, POSTGRES + """
                namespaces:
                  products:
                    persistent: true
                    write-delay-seconds: 5
                    write-batch-size: 100
                    initial-load: LAZY
                  orders:
                    persistent: true
                  scratch: {}
                """);

        RuleGridConfig config = RuleGridConfig.read(file);

        assertThat(config.namespaces()).isEqualTo(Map.of(
                "products", new NamespaceConfig(true, 5, 100, InitialLoad.LAZY),
                "orders", NamespaceConfig.persisted(),
                "scratch", NamespaceConfig.inMemory()));
        assertThat(config.persistentNamespaces()).containsExactlyInAnyOrder("products", "orders");
        assertThat(NamespaceConfig.persisted()).isEqualTo(new NamespaceConfig(true, 1, 500, InitialLoad.EAGER));
        assertThat(config.postgres()).isEqualTo(new PostgresConfig("jdbc:postgresql://127.0.0.1:5432/rulegrid",
                "rulegrid", "secret", 4, 3));
        assertThat(config.postgres().toString()).doesNotContain("secret");
    }

    @Test
    void environmentOverridesTheFileOrGivesThePostgresItLacks(@TempDir Path dir) throws Exception {
        Path withPostgres = write(dir, POSTGRES + "  pool-size: 8\n");
        RuleGridNode.Builder fromFile = RuleGridNode.builder().rulegridYaml(withPostgres);
        RuleGridNode.Builder overridden = RuleGridNode.builder().rulegridYaml(withPostgres).environment(Map.of(
                PostgresConfig.ENV_URL, "jdbc:postgresql://10.0.0.5:5433/grid", PostgresConfig.ENV_PASSWORD, "other"));

        assertThat(fromFile.postgresConfig(fromFile.ruleGridConfig()).url())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/rulegrid");
        assertThat(overridden.postgresConfig(overridden.ruleGridConfig())).isEqualTo(
                new PostgresConfig("jdbc:postgresql://10.0.0.5:5433/grid", "rulegrid", "other", 8, 3));

        RuleGridNode.Builder memoryOnly = RuleGridNode.builder();
        assertThat(memoryOnly.postgresConfig(RuleGridConfig.empty())).as("no postgres, no persistent namespace").isNull();
        RuleGridNode.Builder environmentOnly = RuleGridNode.builder().environment(Map.of(
                PostgresConfig.ENV_URL, "jdbc:postgresql://127.0.0.1:6543/rulegrid", PostgresConfig.ENV_USER, "grid"));
        assertThat(environmentOnly.postgresConfig(RuleGridConfig.empty())).isEqualTo(
                PostgresConfig.of("jdbc:postgresql://127.0.0.1:6543/rulegrid", "grid", ""));
        assertThatThrownBy(() -> RuleGridNode.builder().environment(Map.of(PostgresConfig.ENV_URL,
                "jdbc:postgresql://127.0.0.1:6543/rulegrid")).postgresConfig(RuleGridConfig.empty()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("RULEGRID_PG_USER: postgres.user: is empty; give the role to log in as");
        assertThatThrownBy(() -> RuleGridNode.builder().environment(Map.of(PostgresConfig.ENV_URL,
                "postgres://127.0.0.1/x")).postgresConfig(RuleGridConfig.empty()))
                .hasMessage("RULEGRID_PG_URL: postgres.url: is 'postgres://127.0.0.1/x' but must be a PostgreSQL JDBC"
                        + " URL, jdbc:postgresql://host:port/database");
    }

    @Test
    void persistentNamespaceWithoutPostgresRefusesToStart(@TempDir Path dir) throws Exception {
        Path file = write(dir, "namespaces:\n  orders:\n    persistent: true\n");

        assertThatThrownBy(() -> RuleGridNode.builder().rulegridYaml(file).config())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(file + ": namespaces.orders.persistent: needs a PostgreSQL, and there is none: add a"
                        + " postgres: section, set RULEGRID_PG_URL (with RULEGRID_PG_USER, RULEGRID_PG_PASSWORD), or"
                        + " start the member with --embedded");
    }

    @Test
    void badPersistenceSettingsAreRefusedNamingTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("namespaces:\n  products:\n    persistent: true\n    write-delay-seconds: 0\n",
                "namespaces.products.write-delay-seconds: is 0 but must be 1 to 86400");
        cases.put("namespaces:\n  products:\n    write-batch-size: 0\n",
                "namespaces.products.write-batch-size: is 0 but must be 1 to 10000");
        cases.put("namespaces:\n  products:\n    initial-load: SOMETIMES\n",
                "namespaces.products.initial-load: Cannot deserialize value of type"
                        + " `io.rulegrid.node.config.InitialLoad` from String \"SOMETIMES\": not one of the values"
                        + " accepted for Enum class: [EAGER, LAZY]");
        cases.put("namespaces:\n  products:\n    persistent: yes please\n",
                "namespaces.products.persistent: Cannot deserialize value of type `java.lang.Boolean` from String"
                        + " \"yes please\": only \"true\" or \"false\" recognized");
        cases.put(POSTGRES + "namespaces:\n  a-b:\n    persistent: true\n  a_b:\n    persistent: true\n",
                "namespaces.a_b.persistent: namespaces 'a-b' and 'a_b' would share table facts_a_b ('-' is written"
                        + " '_'); rename one");
        cases.put(POSTGRES + "namespaces:\n  " + "n".repeat(58) + ":\n    persistent: true\n",
                "namespaces." + "n".repeat(58) + ".persistent: namespace '" + "n".repeat(58) + "' is too long to be"
                        + " persistent: its table facts_" + "n".repeat(58) + " would exceed PostgreSQL's 63"
                        + " characters; use at most 57 characters");
        cases.put("postgres:\n  url: mysql://127.0.0.1/rulegrid\n  user: rulegrid\n",
                "postgres.url: is 'mysql://127.0.0.1/rulegrid' but must be a PostgreSQL JDBC URL,"
                        + " jdbc:postgresql://host:port/database");
        cases.put(POSTGRES + "  connect-timeout-seconds: 0\n",
                "postgres.connect-timeout-seconds: is 0 but must be 1 to 60");
        cases.put(POSTGRES + "  pool-size: 1000\n", "postgres.pool-size: is 1000 but must be 1 to 100");
        cases.put(POSTGRES + "  database: rulegrid\n", "postgres.database: unknown key; known keys here:"
                + " connect-timeout-seconds, password, pool-size, url, user");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Path file = write(dir, bad.getKey());

            assertThatThrownBy(() -> RuleGridNode.builder().rulegridYaml(file).config())
                    .as(bad.getKey())
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessage(file + ": " + bad.getValue());
        }
    }
}
