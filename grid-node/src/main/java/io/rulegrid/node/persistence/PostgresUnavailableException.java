package io.rulegrid.node.persistence;

/**
 * PostgreSQL could not be reached (no connection within the connect timeout, or the connection broke). Carries
 * the driver's failure as text only: it crosses members inside Hazelcast's answers, where Java deserialization
 * accepts JDK, Hazelcast and RuleGrid classes only, and the PostgreSQL driver's exceptions are none of them.
 */
public final class PostgresUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PostgresUnavailableException(String message) {
        super(message);
    }
}
