package io.rulegrid.client;

/**
 * The counters of one rule, summed over members.
 *
 * @param firings times the rule fired
 * @param errors  failed evaluations that named this rule
 */
public record RuleStats(long firings, long errors) {
}
