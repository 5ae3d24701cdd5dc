package io.rulegrid.client;

import io.rulegrid.rules.EvaluationResult;
import io.rulegrid.rules.RuleGridException;

/**
 * One evaluation on the grid: which member ran it, with which ruleset version, and its result or its
 * typed error. Bulk calls return one per key so that a failing fact does not hide the others' results.
 *
 * @param namespace the fact namespace
 * @param key       the fact key
 * @param ruleset   the ruleset evaluated
 * @param version   the ruleset version that ran (0 if the evaluation failed before one was chosen)
 * @param member    address of the member that ran the evaluation (the owner of the fact's partition)
 * @param result    the result, or {@code null} when the evaluation failed
 * @param error     the error, or {@code null} when the evaluation succeeded; the fact is then unchanged
 */
public record GridEvaluation(String namespace, String key, String ruleset, int version, String member,
                             EvaluationResult result, RuleGridException error) {

    public boolean succeeded() {
        return error == null;
    }

    /**
     * The result.
     *
     * @throws RuleGridException the evaluation's error, naming ruleset, rule and key
     */
    public EvaluationResult resultOrThrow() {
        if (error != null) {
            throw error;
        }
        return result;
    }
}
