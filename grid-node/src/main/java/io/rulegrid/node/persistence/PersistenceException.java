package io.rulegrid.node.persistence;

/**
 * PostgreSQL refused a statement of RuleGrid's for a reason other than being unreachable (a constraint, a fact
 * that is not valid JSON for {@code jsonb}, a schema changed by hand). Names the table and what was being done.
 * Carries the driver's failure as text, like {@link PostgresUnavailableException}, for the same reason.
 */
public final class PersistenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PersistenceException(String message) {
        super(message);
    }
}
