package io.rulegrid.node.internal;

import io.rulegrid.rules.RuleSet;

/**
 * A compiled ruleset and the version it was compiled from.
 *
 * @param ruleSet the compiled ruleset
 * @param version its version number, starting at 1
 */
public record VersionedRuleSet(RuleSet ruleSet, int version) {
}
