package io.rulegrid.rules.internal.engine;

import io.rulegrid.rules.RuleDefinition;

import java.util.List;
import java.util.Set;

/**
 * A rule ready to evaluate. {@code rank} is its place in firing order (salience, then declaration), which
 * is also its bit in the agenda. Its condition holds when all {@code parts} do; {@code slots[i]} is where an
 * evaluation remembers part {@code i}'s value when other rules share it, else -1. {@code changes} are the
 * top-level fields its actions may change ({@code "*"}: any), so that a firing snapshots only those.
 */
record CompiledRule(RuleDefinition definition, int rank, List<ConditionPart> parts, int[] slots,
                    List<Expression> actions, Set<String> reads, List<Constraint> constraints, Set<String> changes,
                    int group) {

    String name() {
        return definition.name();
    }

    boolean readsWholeFact() {
        return reads.contains("*");
    }

    boolean changesAnyField() {
        return changes.contains("*");
    }
}
