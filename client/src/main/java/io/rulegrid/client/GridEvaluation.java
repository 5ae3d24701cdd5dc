package io.rulegrid.client;

import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.RuleGridException;

/**
 * One evaluation on the grid: which member ran it, with which ruleset version, and its result or its
 * typed error. Batch calls return one per key so that a failing fact does not hide the others' results; a key
 * whose call failed before a member answered carries the call's error
 * ({@link io.rulegrid.grid.RetriableGridException} when its outcome is unknown).
 * The result is decoded on first use, so callers that only check {@link #succeeded()} pay nothing for it.
 * Thread-safe.
 */
public final class GridEvaluation {

    /** Where a key's call failed: no member answered for it. */
    private record FailedCall(String namespace, String key, String ruleset, RuleGridException error) {
    }

    private final EvaluationOutcome outcome;
    private final FailedCall failedCall;
    private volatile EvaluationResult result;

    GridEvaluation(EvaluationOutcome outcome) {
        this.outcome = outcome;
        this.failedCall = null;
    }

    private GridEvaluation(FailedCall failedCall) {
        this.outcome = null;
        this.failedCall = failedCall;
    }

    /** The evaluation of a key of a batch whose call failed before a member answered. */
    static GridEvaluation failedCall(String namespace, String key, String ruleset, RuleGridException error) {
        return new GridEvaluation(new FailedCall(namespace, key, ruleset, error));
    }

    /** The fact namespace. */
    public String namespace() {
        return outcome == null ? failedCall.namespace() : outcome.namespace();
    }

    /** The fact key. */
    public String key() {
        return outcome == null ? failedCall.key() : outcome.key();
    }

    /** The ruleset evaluated. */
    public String ruleset() {
        return outcome == null ? failedCall.ruleset() : outcome.ruleset();
    }

    /** The ruleset version that ran; 0 if the evaluation failed before one was chosen. */
    public int version() {
        return outcome == null ? 0 : outcome.version();
    }

    /**
     * The address of the member that ran the evaluation: the owner of the fact's partition; {@code null} when
     * the call failed before a member answered.
     */
    public String member() {
        return outcome == null ? null : outcome.member();
    }

    public boolean succeeded() {
        return outcome != null && outcome.succeeded();
    }

    /** The error of a failed evaluation (the fact is then unchanged, unless the error is retriable), or {@code null}. */
    public RuleGridException error() {
        if (outcome == null) {
            return failedCall.error();
        }
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
        if (outcome == null) {
            throw failedCall.error();
        }
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
                + (succeeded() ? "" : ", failed: " + error().getMessage()) + "]";
    }
}
