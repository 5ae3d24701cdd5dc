package io.rulegrid.devservices;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The life of a dev service whose server runs in this JVM or under its control, the same for every such service:
 * a port and a data directory fixed for good, stops and restarts that keep both, and a {@link #close()} that ends
 * it once, deletes a temporary data directory, and runs in a JVM shutdown hook if the caller never calls it. A
 * subclass only starts and stops its server; this class decides when.
 *
 * @param <S> the running server, which {@link #stopServer} gets back from {@link #startServer}
 */
abstract class EmbeddedService<S> implements DevService {

    // the subclass's logger: its configuration keeps working as it did when each service logged for itself
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String service;
    private final Path dataDirectory;
    private final boolean temporary;
    private final int port;
    private final Thread shutdownHook;
    private S server; // guarded by this; null while stopped
    private boolean closed; // guarded by this

    /**
     * @param service          the server's name in log lines and messages, such as {@code Kafka}
     * @param shutdownHookName the name of the thread that closes the service at the JVM's exit
     * @param temporary        whether {@link #close()} deletes {@code dataDirectory}
     */
    EmbeddedService(String service, String shutdownHookName, Path dataDirectory, boolean temporary, int port) {
        this.service = service;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.port = port;
        this.shutdownHook = new Thread(this::close, shutdownHookName);
    }

    /** @throws IllegalArgumentException unless {@code port} is a port, or 0 for a free one */
    static void requireValidPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port is " + port + " but must be 0 (a free one) to 65535");
        }
    }

    /**
     * Starts a new service and has the JVM close it at exit if the caller does not; a service that fails to start
     * is closed at once, so that no temporary data directory is left behind.
     */
    final void startFirstTime() {
        try {
            restart();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The port on 127.0.0.1, the same across restarts. */
    public final int port() {
        return port;
    }

    /** Where the data lives: the caller's directory, or a temporary one. */
    public final Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether the server runs: started and not stopped since. */
    @Override
    public final synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the server, freeing its port and data directory and keeping both for {@link #restart()}. */
    @Override
    public final synchronized void stop() {
        if (server == null) {
            return;
        }
        S running = server;
        server = null;
        stopServer(running);
        log.info("{} stopped: {}", service, this);
    }

    /**
     * Starts the server on the same port and data directory, stopping it first if it runs.
     *
     * @throws PortInUseException           if another process took the port meanwhile
     * @throws DataDirectoryInUseException if another server runs on the data directory
     * @throws IllegalStateException        if the service is closed
     */
    @Override
    public final synchronized void restart() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        stop();
        long startNanos = System.nanoTime();
        server = startServer();
        try {
            prepareForClients();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        log.info("{} started in {} ms: {}", service, Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
                this);
    }

    /** Stops the server and deletes a temporary data directory; a caller's data directory is kept. */
    @Override
    public final void close() {
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

    /** The class, {@link #url()} and {@link #dataDirectory()}: what messages and log lines name a service by. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + url() + ", data directory " + dataDirectory + "]";
    }

    /** Whether {@link #close()} deletes the data directory, which the service made for itself. */
    final boolean hasTemporaryDataDirectory() {
        return temporary;
    }

    /** @throws DevServiceException if the server is stopped, for a request that would fail less clearly on it */
    final synchronized void requireRunning() {
        if (server == null) {
            throw new DevServiceException(service + " is stopped: " + this);
        }
    }

    /**
     * Checks that the port and the data directory can be used and starts the server on them; it holds nothing
     * once this fails.
     */
    abstract S startServer();

    /**
     * Sets up what clients expect on a server that has just started; {@link #stop()} follows if it fails.
     * Nothing by default.
     */
    void prepareForClients() {
    }

    /** Stops {@code running}, which {@link #startServer()} returned, freeing its port and data directory. */
    abstract void stopServer(S running);
}
