package io.rulegrid.grid;

import io.rulegrid.api.RuleGridException;

/**
 * The cluster runs no pipelines: no member's {@code rulegrid.yaml} configures any, and without them members keep
 * Hazelcast's Jet engine off, so there is nothing to list, start or stop. Also what a Jet call answered with
 * "Jet is disabled" becomes, rather than Hazelcast's advice to turn Jet on in the member configuration, which is
 * not how a RuleGrid member gets it.
 */
public class PipelinesNotConfiguredException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    public PipelinesNotConfiguredException(String message, Throwable cause) {
        super(message, null, null, null, cause);
    }
}
