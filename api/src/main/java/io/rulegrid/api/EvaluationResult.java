package io.rulegrid.api;

import java.util.List;
import java.util.Map;

/**
 * What one evaluation of a ruleset over one fact did.
 *
 * @param ruleset      the ruleset's name
 * @param fired        names of the rules that fired, in firing order (a rule may appear more than once)
 * @param modified     top-level fields whose value differs from the fact given, in first-change order
 * @param outputs      everything emitted, in order
 * @param fact         the new fact, or {@code null} when the fact was retracted or not returned
 * @param retracted    {@code retract()} was called
 * @param halted       {@code halt()} was called
 * @param elapsedNanos time the evaluation took
 * @param factReturned whether the result carries the fact: always for the engine, and for an evaluation on the
 *                     grid only when the call asked for it
 */
public record EvaluationResult(String ruleset, List<String> fired, List<String> modified, List<Output> outputs,
                               Map<String, Object> fact, boolean retracted, boolean halted, long elapsedNanos,
                               boolean factReturned) {

    public EvaluationResult {
        if (fact != null && !factReturned) {
            throw new IllegalArgumentException("a result of ruleset \"" + ruleset + "\" holds a fact it says it"
                    + " does not return");
        }
    }

    /** A result carrying the new fact, or {@code null} when the fact was retracted. */
    public EvaluationResult(String ruleset, List<String> fired, List<String> modified, List<Output> outputs,
                            Map<String, Object> fact, boolean retracted, boolean halted, long elapsedNanos) {
        this(ruleset, fired, modified, outputs, fact, retracted, halted, elapsedNanos, true);
    }

    /**
     * The new fact, or {@code null} when the fact was retracted.
     *
     * @throws FactNotReturnedException if the result does not carry the fact: a grid evaluation returns it only
     *                                  when the call asked for it ({@code EvaluationOptions.returnFact(true)})
     */
    @Override
    public Map<String, Object> fact() {
        if (!factReturned) {
            throw new FactNotReturnedException(ruleset);
        }
        return fact;
    }

    /** True when the fact must be written back: it was modified or retracted. */
    public boolean changed() {
        return retracted || !modified.isEmpty();
    }
}
