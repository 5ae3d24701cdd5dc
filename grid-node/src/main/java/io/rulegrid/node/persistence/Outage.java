package io.rulegrid.node.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether this member's PostgreSQL is reachable, and what each store does when it is not. One per member, shared
 * by its MapStores, so that an outage is logged once when it starts and once when it ends, not per entry.
 * <ul>
 *   <li>{@link #once}: one attempt; a connection failure becomes a {@link PostgresUnavailableException}. For the
 *       registry's write-through store (a deploy fails within the connect timeout) and for loads.</li>
 *   <li>{@link #untilReachable}: retries until PostgreSQL answers. For the write-behind stores: Hazelcast 5.6
 *       retries a failed {@code storeAll} three times, then every entry alone three times with a second's sleep
 *       between tries, so failing fast would cost 3 s per queued entry. Waiting here instead keeps every change in
 *       the write-behind queue (and its backups) and drains it in batches as soon as PostgreSQL is back.</li>
 * </ul>
 */
final class Outage {

    private static final Logger LOG = LoggerFactory.getLogger(Outage.class);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 1_000;
    /**
     * How long a store still waits for PostgreSQL while the member shuts down: past it, what the member still
     * holds is given up (and logged), or the shutdown would wait for PostgreSQL forever.
     */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final String database;
    private volatile long downSinceNanos;
    private volatile boolean down;
    private volatile long shutdownDeadlineNanos;
    private volatile boolean shuttingDown;

    /** @param database how log lines name the database, its URL without credentials */
    Outage(String database) {
        this.database = database;
    }

    /** Work against PostgreSQL that may throw an {@link SQLException}. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs the work once.
     *
     * @throws PostgresUnavailableException if PostgreSQL cannot be reached
     * @throws PersistenceException         if PostgreSQL refused the work for another reason
     */
    <T> T once(String what, SqlWork<T> work) {
        try {
            T result = work.run();
            reachable();
            return result;
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                unreachable(e);
                throw new PostgresUnavailableException("PostgreSQL at " + database + " is unreachable (" + what
                        + "): " + e.getMessage());
            }
            throw new PersistenceException(what + " failed in PostgreSQL at " + database + ": " + e.getMessage()
                    + " (SQL state " + e.getSQLState() + ")");
        }
    }

    /**
     * Runs the work, again and again while PostgreSQL cannot be reached; while the member shuts down, for
     * {@link #SHUTDOWN_GRACE} at most.
     *
     * @throws PostgresUnavailableException if the member shuts down and PostgreSQL is still unreachable after the grace
     * @throws PersistenceException         if PostgreSQL refused the work for another reason
     */
    <T> T untilReachable(String what, SqlWork<T> work) {
        long retryMillis = FIRST_RETRY_MILLIS;
        while (true) {
            if (down && graceIsOver()) {
                // no connect timeout per batch once the member has given up on PostgreSQL
                throw new PostgresUnavailableException("PostgreSQL at " + database + " is unreachable (" + what
                        + ") and the member is shutting down");
            }
            try {
                return once(what, work);
            } catch (PostgresUnavailableException e) {
                if (graceIsOver()) {
                    throw e;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(retryMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
            }
        }
    }

    /** The member shuts down: stores wait for PostgreSQL {@link #SHUTDOWN_GRACE} more at most. */
    void shuttingDown() {
        shutdownDeadlineNanos = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        shuttingDown = true;
    }

    private boolean graceIsOver() {
        return shuttingDown && System.nanoTime() - shutdownDeadlineNanos > 0;
    }

    private synchronized void unreachable(SQLException cause) {
        if (!down) {
            down = true;
            downSinceNanos = System.nanoTime();
            LOG.warn("PostgreSQL at {} is unreachable: {}. Fact changes wait in the write-behind queues (and their"
                    + " backups) until it is back; deploys and activations fail until then", database, cause.getMessage());
        }
    }

    private void reachable() {
        if (down) {
            synchronized (this) {
                if (down) {
                    down = false;
                    LOG.info("PostgreSQL at {} is reachable again after {} s; the write-behind queues drain", database,
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - downSinceNanos));
                }
            }
        }
    }

    /**
     * Whether the failure is PostgreSQL being unreachable rather than refusing the statement: no connection from
     * the pool in time, SQL states of class 08 (connection exception) and 57P (operator intervention: shutdown,
     * cannot connect now), or an I/O failure underneath.
     */
    static boolean isConnectionFailure(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
