package io.rulegrid.rules;

import java.util.List;
import java.util.Objects;

/**
 * A ruleset as written, before compilation: what the RGL parser and the Easy Rules reader produce.
 *
 * @param name       the ruleset's name
 * @param sourceName the file name used in error messages
 * @param limits     firing limit and time budget of one evaluation
 * @param rules      rules in declaration order
 */
public record RuleSetDefinition(String name, String sourceName, Limits limits, List<RuleDefinition> rules) {

    public RuleSetDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceName, "sourceName");
        limits = limits == null ? Limits.DEFAULT : limits;
        rules = List.copyOf(rules);
    }
}
