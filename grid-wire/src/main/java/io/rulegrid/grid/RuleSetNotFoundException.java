package io.rulegrid.grid;

import io.rulegrid.api.RuleGridException;

/** An evaluation or activation named a ruleset, or a version of one, that has not been deployed. */
public class RuleSetNotFoundException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    public RuleSetNotFoundException(String ruleset, int version) {
        super(version == 0 ? "ruleset \"" + ruleset + "\" is not deployed"
                : "ruleset \"" + ruleset + "\" has no version " + version, ruleset, null, null, null);
    }
}
