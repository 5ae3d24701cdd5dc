package io.rulegrid.devservices;

/**
 * A real service started embedded for the demo, the tests and a developer's laptop: it listens on 127.0.0.1
 * only, keeps its port (and its data) across {@link #stop()} and {@link #restart()}, so that clients reconnect
 * to the same {@link #url()}, and {@link #close()} stops it for good. Each service is one class that starts
 * with a static {@code start(...)}.
 */
public interface DevService extends AutoCloseable {

    /** Where clients connect; the same for the whole life of the service, restarts included. */
    String url();

    /** Whether the service is up: started and not stopped since. */
    boolean isRunning();

    /** Stops the service and keeps its port and data for {@link #restart()}; does nothing if it is stopped. */
    void stop();

    /** Starts the service again on the same port with the same data, stopping it first if it runs. */
    void restart();

    /** Stops the service for good and deletes its data unless the caller gave the data's place. Idempotent. */
    @Override
    void close();
}
