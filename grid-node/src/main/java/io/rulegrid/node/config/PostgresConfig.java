package io.rulegrid.node.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Objects;

/**
 * The PostgreSQL a member persists rulesets and persistent namespaces to: {@code postgres:} in
 * {@code rulegrid.yaml}, each connection value overridable by {@link #ENV_URL}, {@link #ENV_USER} and
 * {@link #ENV_PASSWORD}.
 *
 * @param url                   JDBC URL, {@code jdbc:postgresql://host:port/database}
 * @param user                  the role to log in as
 * @param password              its password (better given through {@link #ENV_PASSWORD} than in a file)
 * @param poolSize              connections this member keeps (HikariCP's maximum pool size)
 * @param connectTimeoutSeconds how long a deploy waits for a connection before it fails naming PostgreSQL as
 *                              unreachable; also the JDBC connect and socket timeouts
 */
public record PostgresConfig(String url, String user, String password, int poolSize, int connectTimeoutSeconds) {

    /** Environment variable: overrides {@code postgres.url}, or gives it when rulegrid.yaml has no {@code postgres:}. */
    public static final String ENV_URL = "RULEGRID_PG_URL";
    /** Environment variable: overrides {@code postgres.user}. */
    public static final String ENV_USER = "RULEGRID_PG_USER";
    /** Environment variable: overrides {@code postgres.password}. */
    public static final String ENV_PASSWORD = "RULEGRID_PG_PASSWORD";

    static final int DEFAULT_POOL_SIZE = 4;
    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 3;

    /**
     * @throws InvalidConfigException naming the key (relative to {@code postgres}) and the problem
     */
    public PostgresConfig {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new InvalidConfigException("rulegrid config", "url", "is '" + url
                    + "' but must be a PostgreSQL JDBC URL, jdbc:postgresql://host:port/database");
        }
        if (user == null || user.isBlank()) {
            throw new InvalidConfigException("rulegrid config", "user", "is empty; give the role to log in as");
        }
        if (password == null) {
            password = "";
        }
        if (poolSize < 1 || poolSize > 100) {
            throw new InvalidConfigException("rulegrid config", "pool-size", "is " + poolSize + " but must be 1 to 100");
        }
        if (connectTimeoutSeconds < 1 || connectTimeoutSeconds > 60) {
            // a deploy must fail within seconds when PostgreSQL is down, not hang
            throw new InvalidConfigException("rulegrid config", "connect-timeout-seconds", "is "
                    + connectTimeoutSeconds + " but must be 1 to 60");
        }
    }

    /** A connection with the default pool size and timeout. */
    public static PostgresConfig of(String url, String user, String password) {
        return new PostgresConfig(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT_SECONDS);
    }

    /**
     * This configuration with the {@code RULEGRID_PG_*} variables that are set applied over it; {@code base} may be
     * {@code null} (no {@code postgres:} section), then {@link #ENV_URL} decides whether there is one.
     *
     * @return {@code null} when neither the file nor {@link #ENV_URL} gives a PostgreSQL
     * @throws InvalidConfigException naming the variable and the key
     */
    public static PostgresConfig withEnvironment(PostgresConfig base, Map<String, String> environment) {
        String url = environment.getOrDefault(ENV_URL, base == null ? null : base.url());
        if (url == null) {
            return null;
        }
        String user = environment.getOrDefault(ENV_USER, base == null ? null : base.user());
        String password = environment.getOrDefault(ENV_PASSWORD, base == null ? "" : base.password());
        try {
            return new PostgresConfig(url, user, password,
                    base == null ? DEFAULT_POOL_SIZE : base.poolSize(),
                    base == null ? DEFAULT_CONNECT_TIMEOUT_SECONDS : base.connectTimeoutSeconds());
        } catch (InvalidConfigException e) {
            String variable = switch (e.key()) {
                case "url" -> ENV_URL;
                case "user" -> ENV_USER;
                default -> "rulegrid config";
            };
            throw new InvalidConfigException(variable, "postgres." + e.key(), e.problem());
        }
    }

    /** Binds the YAML keys; an absent pool size or timeout takes its default. */
    @JsonCreator
    static PostgresConfig fromYaml(@JsonProperty("url") String url, @JsonProperty("user") String user,
                                   @JsonProperty("password") String password,
                                   @JsonProperty("pool-size") Integer poolSize,
                                   @JsonProperty("connect-timeout-seconds") Integer connectTimeoutSeconds) {
        return new PostgresConfig(url, user, password,
                Objects.requireNonNullElse(poolSize, DEFAULT_POOL_SIZE),
                Objects.requireNonNullElse(connectTimeoutSeconds, DEFAULT_CONNECT_TIMEOUT_SECONDS));
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "PostgresConfig[" + url + " as " + user + ", pool " + poolSize + ", connect timeout "
                + connectTimeoutSeconds + " s]";
    }
}
