package io.rulegrid.client;

import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.RuleGridException;

/**
 * One evaluation on the grid: which member ran it, with which ruleset version, and its result or its
 * typed error. Bulk calls return one per key so that a failing fact does not hide the others' results.
 * The result is decoded on first use, so callers that only check {@link #succeeded()} pay nothing for it.
 * Thread-safe.
 */
public final class GridEvaluation {

    private final EvaluationOutcome outcome;
    private volatile EvaluationResult result;

    GridEvaluation(EvaluationOutcome outcome) {
        this.outcome = outcome;
    }

    /** The fact namespace. */
    public String namespace() {
        return outcome.namespace();
    }

    /** The fact key. */
    public String key() {
        return outcome.key();
    }

    /** The ruleset evaluated. */
    public String ruleset() {
        return outcome.ruleset();
    }

    /** The ruleset version that ran; 0 if the evaluation failed before one was chosen. */
    public int version() {
        return outcome.version();
    }

    /** The address of the member that ran the evaluation: the owner of the fact's partition. */
    public String member() {
        return outcome.member();
    }

    public boolean succeeded() {
        return outcome.succeeded();
    }

    /** The error of a failed evaluation (the fact is then unchanged), or {@code null}. */
    public RuleGridException error() {
        return succeeded() ? null : outcome.error();
    }

    /**
     * The result of a successful evaluation, or {@code null}. Its {@link EvaluationResult#fact() fact()} is there
     * only if the call asked for it ({@link EvaluationOptions#returnFact(boolean)}); otherwise reading it throws
     * {@link io.rulegrid.api.FactNotReturnedException}.
     */
    public EvaluationResult result() {
        return succeeded() ? resultOrThrow() : null;
    }

    /**
     * The result.
     *
     * @throws RuleGridException the evaluation's error, naming ruleset, rule and key
     */
    public EvaluationResult resultOrThrow() {
        EvaluationResult decoded = result;
        if (decoded == null) {
            decoded = outcome.result();
            result = decoded;
        }
        return decoded;
    }

    @Override
    public String toString() {
        return "GridEvaluation[" + namespace() + "/" + key() + " " + ruleset() + " v" + version() + " on " + member()
                + (succeeded() ? "" : ", failed: " + outcome.error().getMessage()) + "]";
    }
}
