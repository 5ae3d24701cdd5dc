package io.rulegrid.rules;

import io.rulegrid.api.EvaluationResult;

import java.util.Map;
import java.util.Set;

/**
 * A compiled ruleset: immutable and safe to evaluate from many threads at once. Obtain one from
 * {@link RuleCompiler}.
 *
 * <p>One evaluation runs this ruleset over one fact with the semantics of DESIGN.md ("The rule
 * language"): the highest-salience activation fires first, a fired rule is refracted, a change to a field
 * re-evaluates exactly the rules whose condition reads that field, and an evaluation that fails changes
 * nothing.
 */
public interface RuleSet {

    /** The ruleset's name. */
    String name();

    /** The definition this ruleset was compiled from. */
    RuleSetDefinition definition();

    /** The firing limit and time budget of one evaluation. */
    Limits limits();

    /** This ruleset with other limits; the compiled rules are shared, not recompiled. */
    RuleSet withLimits(Limits limits);

    /**
     * The top-level fact fields the named rule's condition reads; {@code "*"} stands for the whole fact
     * (the condition reads {@code fact}).
     *
     * @throws IllegalArgumentException if there is no rule of that name
     */
    Set<String> conditionReads(String rule);

    /**
     * Evaluates this ruleset over a fact, with no aggregates. Neither argument is modified; the new fact is in the
     * result.
     *
     * @param fact  the fact, a JSON object (see {@link Facts} for the value types)
     * @param input the call's parameters, read-only to the rules; may be empty, not {@code null}
     * @throws RuleEvaluationException if a rule fails, or the firing limit or time budget runs out
     */
    default EvaluationResult evaluate(Map<String, Object> fact, Map<String, Object> input) {
        return evaluate(fact, input, Map.of(), Ticker.system());
    }

    /**
     * Evaluates this ruleset over a fact with aggregates the rules read as {@code agg.NAME}: values the caller
     * computed over other events, such as a pipeline's windowed counts (docs/pipelines.md). Like {@code input}
     * they are read-only to the rules, and a name not supplied reads {@code null}. No argument is modified.
     *
     * @param fact       the fact, a JSON object (see {@link Facts} for the value types)
     * @param input      the call's parameters, read-only to the rules; may be empty, not {@code null}
     * @param aggregates the aggregates by name, JSON values; may be empty, not {@code null}
     * @throws RuleEvaluationException if a rule fails, or the firing limit or time budget runs out, or an
     *                                 aggregate is not a JSON value
     */
    default EvaluationResult evaluate(Map<String, Object> fact, Map<String, Object> input,
                                      Map<String, Object> aggregates) {
        return evaluate(fact, input, aggregates, Ticker.system());
    }

    /** As {@link #evaluate(Map, Map)}, with the clock the evaluation reads {@code now} and its time budget from. */
    default EvaluationResult evaluate(Map<String, Object> fact, Map<String, Object> input, Ticker ticker) {
        return evaluate(fact, input, Map.of(), ticker);
    }

    /**
     * As {@link #evaluate(Map, Map, Map)}, with the clock the evaluation reads {@code now} and its time budget
     * from.
     */
    EvaluationResult evaluate(Map<String, Object> fact, Map<String, Object> input, Map<String, Object> aggregates,
                              Ticker ticker);
}
