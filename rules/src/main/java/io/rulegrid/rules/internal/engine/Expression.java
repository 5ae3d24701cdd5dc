package io.rulegrid.rules.internal.engine;

/**
 * A compiled condition or action of one rule, in whatever expression language it was written. Compiled
 * once, shared by all threads; all per-evaluation state is in the {@link EvaluationScope}.
 */
public interface Expression {

    /**
     * Runs the expression.
     *
     * @return the expression's value (a condition's boolean; an action's value is ignored)
     * @throws RuntimeException whatever the expression threw; the engine turns it into a
     *                          {@link io.rulegrid.rules.RuleEvaluationException} that names the rule
     */
    Object run(EvaluationScope scope);

    /**
     * Whether the expression has run before. A first run also optimizes the expression (MVEL builds its
     * accessors then), which can take milliseconds; the time budget does not count it.
     */
    default boolean warm() {
        return true;
    }
}
