package io.rulegrid.grid;

import io.rulegrid.api.RuleGridException;

/** An evaluation named a fact key that holds no fact. */
public class FactNotFoundException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    public FactNotFoundException(String namespace, String ruleset, Object key) {
        super("no fact with key \"" + key + "\"", ruleset, null, key, null);
        locatedAt(namespace, 0, null);
    }
}
