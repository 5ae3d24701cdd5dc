package io.rulegrid.rules.internal.engine;

/**
 * A compiled condition or action of one rule. Compiled once, shared by all threads; all per-evaluation
 * state is in the {@link EvaluationScope}.
 */
public interface Expression {

    /**
     * Runs the expression.
     *
     * @return the expression's value (a condition's boolean; an action's value is ignored)
     * @throws ExpressionFailedException when the rule fails, saying where and why
     * @throws BudgetExceededException   when the evaluation's time runs out
     */
    Object run(EvaluationScope scope);
}
