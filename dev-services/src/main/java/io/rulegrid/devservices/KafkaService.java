package io.rulegrid.devservices;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Apache Kafka 4.1 started in this JVM: one KRaft node that is both broker and controller, listening on
 * 127.0.0.1 only, with plaintext and no authentication. Clients give {@link #url()}, {@code 127.0.0.1:port}, as
 * {@code bootstrap.servers}.
 *
 * <pre>{@code
 * try (KafkaService kafka = KafkaService.start()) {                  // temporary data, a free port
 *     kafka.createTopic("events", 3);
 *     Producer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.url(), ...));
 *     ...
 *     kafka.stop();                                                  // clients now fail to connect
 *     kafka.restart();                                               // same URL, same topics and records
 * }
 * }</pre>
 *
 * The broker keeps Kafka's defaults where one broker serves as well as many: a topic is created on first use
 * (by a producer, or a consumer that subscribes) with 1 partition, and {@link #createTopic} gives it more. Where
 * one broker needs otherwise, it does: Kafka's own topics of consumer offsets and transactions have 1 replica
 * and 1 partition, and 1 replica in sync is enough to commit a transaction, so transactional producers and
 * {@code read_committed} consumers work as on a cluster. A consumer group's first member starts at once.
 *
 * <p>With a data directory of the caller's ({@link #start(Path)}) the topics and records outlive
 * {@link #close()} and the JVM, and a later start on that directory serves them on the same port, which the
 * directory records (in {@code rulegrid-kafka.properties}); a temporary directory outlives {@link #stop()} and
 * is deleted by {@link #close()}. A JVM that exits without {@code close()} closes the service in a shutdown
 * hook; one that is killed takes the broker with it, and the next start on the directory recovers what was
 * written, as Kafka does after a crash. Kafka's own log lines go to SLF4J, under the loggers {@code kafka},
 * {@code state.change.logger} and {@code org.apache.kafka}.
 */
public final class KafkaService extends EmbeddedService<KafkaNode> {

    private static final String SERVICE = "Kafka";
    private static final String PORT_FILE = "rulegrid-kafka.properties";
    private static final String PORT_KEY = "port";
    private static final String LOCK_FILE = "rulegrid-kafka.lock";
    // generous: a start after a crash first recovers the logs, and two cores may be busy with a test run
    private static final Duration STARTUP_BOUND = Duration.ofMinutes(2);
    private static final Duration ADMIN_BOUND = Duration.ofSeconds(30);

    private DataDirectoryLock lock; // guarded by this; held while the node runs

    private KafkaService(Path dataDirectory, boolean temporary, int port) {
        super(SERVICE, "kafka-service-close", dataDirectory, temporary, port);
    }

    /** Starts Kafka on a free port with a temporary data directory that {@link #close()} deletes. */
    public static KafkaService start() {
        return start(0);
    }

    /**
     * Starts Kafka on {@code port}, or on a free one if {@code port} is 0, with a temporary data directory that
     * {@link #close()} deletes.
     *
     * @throws PortInUseException if another process listens on that port
     */
    public static KafkaService start(int port) {
        requireValidPort(port);
        return start(DataDirectories.createTemporary(SERVICE, "rulegrid-kafka-"), true,
                port == 0 ? LoopbackPorts.free() : port);
    }

    /**
     * Starts Kafka with the data in {@code dataDirectory}: formatted as a new single-node cluster if it is
     * missing or empty, used as it is if it holds Kafka data, kept by {@link #close()}. The port is the one the
     * directory recorded at an earlier start, else a free one, which it records for the next.
     *
     * @throws PortInUseException           if another process listens on the directory's port
     * @throws DataDirectoryInUseException if another {@code KafkaService} runs on that directory
     */
    public static KafkaService start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /**
     * Like {@link #start(Path)} on the given port, which the directory records for the next start; 0 is as
     * {@link #start(Path)}: a developer who finds the directory's port taken moves it with this.
     *
     * @throws PortInUseException           if another process listens on that port
     * @throws DataDirectoryInUseException if another {@code KafkaService} runs on that directory
     */
    public static KafkaService start(Path dataDirectory, int port) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        requireValidPort(port);
        Path directory = dataDirectory.toAbsolutePath().normalize();
        OptionalInt recorded = port == 0 ? recordedPort(directory) : OptionalInt.empty();
        try {
            return start(directory, false, port != 0 ? port : recorded.orElseGet(LoopbackPorts::free));
        } catch (PortInUseException e) {
            if (recorded.isEmpty()) {
                throw e;
            }
            throw new PortInUseException(SERVICE, e.port(), "another process listens there, and it is the port that"
                    + " data directory " + directory + " recorded in " + PORT_FILE + " at its first start, for clients"
                    + " to find Kafka there at each start; stop that process, or give another port (or delete the"
                    + " file for a free one)", e);
        }
    }

    private static KafkaService start(Path dataDirectory, boolean temporary, int port) {
        KafkaService service = new KafkaService(dataDirectory, temporary, port);
        service.startFirstTime();
        return service;
    }

    /** {@code 127.0.0.1:port}: what clients give as {@code bootstrap.servers}; the broker advertises the same. */
    @Override
    public String url() {
        return LoopbackPorts.HOST + ":" + port();
    }

    /**
     * Creates a topic with {@code partitions} partitions of 1 replica and returns once Kafka has created it: for a
     * test that needs more than the 1 partition of a topic created on first use, or wants it to exist first.
     *
     * @throws DevServiceException if the topic exists, its name is not a valid topic name, or Kafka is stopped
     */
    public void createTopic(String name, int partitions) {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions is " + partitions + " but must be at least 1");
        }
        requireRunning();
        Map<String, Object> settings = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, url(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_BOUND.toMillis());
        try (Admin admin = Admin.create(settings)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
                    .get(ADMIN_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            String reason = e.getCause() instanceof TopicExistsException ? "it exists already"
                    : String.valueOf(e.getCause().getMessage());
            throw new DevServiceException("cannot create topic " + name + " on " + this + ": " + reason, e.getCause());
        } catch (TimeoutException e) {
            throw new DevServiceException("cannot create topic " + name + " on " + this + ": no answer within "
                    + ADMIN_BOUND.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevServiceException("interrupted while creating topic " + name + " on " + this, e);
        }
    }

    /** Takes the data directory, checks the port, records it in a caller's directory, and starts the node. */
    @Override
    KafkaNode startServer() {
        requireUsableDataDirectory();
        lock = DataDirectoryLock.acquire(SERVICE, dataDirectory(), LOCK_FILE);
        try {
            LoopbackPorts.requireFree(SERVICE, port());
            if (!hasTemporaryDataDirectory()) {
                recordPort();
            }
            return startNode();
        } catch (RuntimeException e) {
            releaseLock(e);
            throw e;
        }
    }

    /** Stops the broker as a clean shutdown does: what it holds is written, its port and data directory freed. */
    @Override
    void stopServer(KafkaNode running) {
        try {
            running.stop();
        } catch (RuntimeException e) {
            DevServiceException failure = new DevServiceException(SERVICE + " did not stop: " + this, e);
            releaseLock(failure);
            throw failure;
        }
        releaseLock(null);
    }

    private KafkaNode startNode() {
        // only the node connects to its controller: a port of its own, free at each start
        int controllerPort = LoopbackPorts.free();
        try {
            return KafkaNode.start(dataDirectory(), port(), controllerPort, STARTUP_BOUND);
        } catch (Exception e) {
            throw new DevServiceException(SERVICE + " did not start: " + this + " (controller on 127.0.0.1:"
                    + controllerPort + ")", e);
        }
    }

    /** Lets another service have the data directory; a failure to is added to {@code failure} if there is one. */
    private void releaseLock(RuntimeException failure) {
        DataDirectoryLock held = lock;
        lock = null;
        try {
            held.close();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /** Fails naming the directory where Kafka would refuse it later and less clearly, or write into another's files. */
    private void requireUsableDataDirectory() {
        Path dataDirectory = dataDirectory();
        boolean kafkaData = Files.exists(dataDirectory.resolve(KafkaNode.META_PROPERTIES));
        if (!kafkaData && !DataDirectories.isEmptyOrMissing(dataDirectory, Set.of(PORT_FILE, LOCK_FILE))) {
            throw new DevServiceException(SERVICE + " cannot use data directory " + dataDirectory
                    + ": it holds files but no Kafka data (no " + KafkaNode.META_PROPERTIES
                    + "); give an empty or new directory");
        }
    }

    private void recordPort() {
        if (recordedPort(dataDirectory()).equals(OptionalInt.of(port()))) {
            return;
        }
        Properties properties = new Properties();
        properties.setProperty(PORT_KEY, String.valueOf(port()));
        try (Writer writer = Files.newBufferedWriter(dataDirectory().resolve(PORT_FILE), StandardCharsets.UTF_8)) {
            properties.store(writer, "The port of RuleGrid's KafkaService on this data directory, kept from one start"
                    + " to the next; KafkaService.start(directory, port) moves it");
        } catch (IOException e) {
            throw new DevServiceException("cannot record the port of " + this + " in " + PORT_FILE, e);
        }
    }

    private static OptionalInt recordedPort(Path dataDirectory) {
        Path file = dataDirectory.resolve(PORT_FILE);
        if (!Files.exists(file)) {
            return OptionalInt.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new DevServiceException("cannot read the port of " + SERVICE + " from " + file, e);
        }
        String value = properties.getProperty(PORT_KEY, "");
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535) {
            throw new DevServiceException(file + ": " + PORT_KEY + " is '" + value + "' but must be a port, 1 to"
                    + " 65535; delete the file to start on a free port");
        }
        return OptionalInt.of(Integer.parseInt(value));
    }
}
