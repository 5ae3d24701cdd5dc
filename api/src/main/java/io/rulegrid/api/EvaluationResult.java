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
 * @param fact         the new fact, or {@code null} when the fact was retracted
 * @param retracted    {@code retract()} was called
 * @param halted       {@code halt()} was called
 * @param elapsedNanos time the evaluation took
 */
public record EvaluationResult(String ruleset, List<String> fired, List<String> modified, List<Output> outputs,
                               Map<String, Object> fact, boolean retracted, boolean halted, long elapsedNanos) {

    /** True when the fact must be written back: it was modified or retracted. */
    public boolean changed() {
        return retracted || !modified.isEmpty();
    }
}
