package io.rulegrid.grid;

import io.rulegrid.api.RuleGridException;

/**
 * A deploy or an activation refused because the member could not store it in PostgreSQL: the registry is
 * unchanged, no member has the change, and sending it again once PostgreSQL is back succeeds. Evaluations and
 * fact updates are not affected by an unreachable PostgreSQL; only registry changes wait for it.
 */
public class PersistenceUnavailableException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    /**
     * @param ruleset the ruleset whose change was refused
     * @param reason  why PostgreSQL could not store it, e.g. {@code PostgreSQL at ... is unreachable: ...}
     */
    public PersistenceUnavailableException(String ruleset, String reason) {
        super("ruleset \"" + ruleset + "\" is not changed: " + reason
                + "; the registry is unchanged, try again when PostgreSQL is back", ruleset, null, null, null);
    }

    /**
     * How a Hazelcast client rebuilds this exception from a member's answer (it calls a {@code (String, Throwable)}
     * constructor by reflection): the message already names the ruleset.
     */
    public PersistenceUnavailableException(String message, Throwable cause) {
        super(message, null, null, null, cause);
    }
}
