package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.api.MalformedFactException;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.api.RuleEvaluationException;
import io.rulegrid.grid.FactNotFoundException;
import io.rulegrid.grid.RuleSetNotFoundException;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.EvaluationOutcome.Failure;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.node.internal.GridEngine;
import io.rulegrid.node.internal.VersionedRuleSet;

import java.util.Map;

/**
 * One evaluation of a ruleset over one entry, on its owner's partition thread: what every entry processor of
 * RuleGrid does per key. Writes the fact only when the rules changed it (or it was upserted), deletes it on
 * {@code retract()}; a failed evaluation changes nothing and returns the failure.
 */
final class FactEvaluation {

    /** Where an evaluation writes its entry, so that the caller can hand the same value to the backups. */
    @FunctionalInterface
    interface Writer {
        /** Sets the entry to {@code value}; {@code null} deletes it. */
        void write(Map.Entry<String, HazelcastJsonValue> entry, HazelcastJsonValue value);
    }

    private FactEvaluation() {
    }

    /**
     * @param upsertJson the fact that replaces the stored one before the evaluation, or {@code null}
     * @param returnFact whether the outcome carries the new fact; without it only fired rules, modified fields and
     *                   outputs travel back
     */
    static EvaluationOutcome evaluate(GridEngine engine, EvaluationRequest request, Map.Entry<String, HazelcastJsonValue> entry,
                                      String upsertJson, boolean returnFact, Writer writer) {
        return evaluate(engine, request, entry, new ClientChange(upsertJson), returnFact, writer);
    }

    /** Evaluates what {@code change} starts from and stores what it says. */
    static EvaluationOutcome evaluate(GridEngine engine, EvaluationRequest request, Map.Entry<String, HazelcastJsonValue> entry,
                                      FactChange change, boolean returnFact, Writer writer) {
        String namespace = request.namespace();
        String ruleset = request.ruleset();
        String key = entry.getKey();
        String member = engine.memberAddress();
        try {
            Map<String, Object> fact = change.fact(request, entry);
            Map<String, Object> input = request.inputJson() == null ? Map.of() : Facts.parse(request.inputJson());
            VersionedRuleSet rules = engine.ruleSet(ruleset, request.version());
            EvaluationResult result = rules.ruleSet().evaluate(fact, input, change.aggregates());
            engine.recorded(ruleset, result);
            String factJson;
            if (result.retracted()) {
                change.retracted(result, rules.version());
                factJson = null;
                writer.write(entry, null);
            } else if (result.changed() || change.storesUnchanged()) {
                factJson = Facts.toJson(result.fact());
                writer.write(entry, new HazelcastJsonValue(change.stored(factJson, result, rules.version())));
            } else {
                factJson = returnFact ? change.unchanged(fact) : null;
            }
            return EvaluationOutcome.succeeded(namespace, key, rules.version(), member, result,
                    returnFact ? factJson : null);
        } catch (RuleEvaluationException e) {
            engine.failed(ruleset, e.rule().orElse(null));
            return EvaluationOutcome.failed(namespace, key, ruleset, member, Failure.EVALUATION,
                    e.rule().orElse(null), e.reason());
        } catch (RuleCompilationException e) {
            // a stored version this member's build cannot compile (a rolling upgrade gone wrong): fail, change nothing
            engine.failed(ruleset, null);
            return EvaluationOutcome.failed(namespace, key, ruleset, member, Failure.EVALUATION, null,
                    "the ruleset does not compile on member " + member + ": " + e.getMessage());
        } catch (RuleSetNotFoundException e) {
            return EvaluationOutcome.failed(namespace, key, ruleset, member, Failure.NO_RULESET, null, e.getMessage());
        } catch (FactNotFoundException e) {
            return EvaluationOutcome.failed(namespace, key, ruleset, member, Failure.NO_FACT, null, e.getMessage());
        } catch (MalformedFactException e) {
            return EvaluationOutcome.failed(namespace, key, ruleset, member, Failure.MALFORMED_FACT, null,
                    e.getMessage());
        }
    }
}
