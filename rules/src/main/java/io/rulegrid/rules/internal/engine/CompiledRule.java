package io.rulegrid.rules.internal.engine;

import io.rulegrid.rules.RuleDefinition;

import java.util.List;
import java.util.Set;

/**
 * A rule ready to evaluate. {@code rank} is its place in firing order (salience, then declaration), which
 * is also its bit in the agenda.
 */
record CompiledRule(RuleDefinition definition, int rank, Expression condition, List<Expression> actions,
                    Set<String> reads, IndexKey indexKey, int group) {

    String name() {
        return definition.name();
    }

    boolean readsWholeFact() {
        return reads.contains("*");
    }
}
