package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
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
import io.rulegrid.grid.wire.RuleEntryProcessor;
import io.rulegrid.node.internal.GridEngine;
import io.rulegrid.node.internal.VersionedRuleSet;

import java.util.Map;

/**
 * The member's {@link RuleEntryProcessor}: evaluates on the partition thread of the fact's owner, so
 * evaluations of one fact never overlap. Writes the fact only when the rules changed it (or it was upserted),
 * deletes it on {@code retract()}, and hands the backups the computed value instead of running the rules
 * again. A failed evaluation changes nothing and returns the failure. The reply carries the new fact only when
 * the caller asked for it: a fact of kilobytes would otherwise cross the network on every evaluation.
 */
public final class MemberRuleEntryProcessor extends RuleEntryProcessor {

    private final transient GridEngine engine;
    private final transient ComputedWrite written = new ComputedWrite();

    /** An instance to read into, in the layout of {@code classId}. */
    MemberRuleEntryProcessor(GridEngine engine, int classId) {
        super(classId);
        this.engine = engine;
    }

    public MemberRuleEntryProcessor(GridEngine engine, EvaluationRequest request, String upsertJson,
                                    boolean returnFact) {
        super(request, upsertJson, returnFact);
        this.engine = engine;
    }

    @Override
    public EvaluationOutcome process(Map.Entry<String, HazelcastJsonValue> entry) {
        EvaluationRequest request = request();
        String namespace = request.namespace();
        String ruleset = request.ruleset();
        String key = entry.getKey();
        String member = engine.memberAddress();
        try {
            String factJson = upsertJson() != null ? upsertJson() : storedJson(entry);
            Map<String, Object> fact = Facts.parse(factJson);
            Map<String, Object> input = request.inputJson() == null ? Map.of() : Facts.parse(request.inputJson());
            VersionedRuleSet rules = engine.ruleSet(ruleset, request.version());
            EvaluationResult result = rules.ruleSet().evaluate(fact, input);
            engine.recorded(ruleset, result);
            if (result.retracted()) {
                factJson = null;
                written.write(entry, null);
            } else if (result.changed() || upsertJson() != null) {
                factJson = Facts.toJson(result.fact());
                written.write(entry, new HazelcastJsonValue(factJson));
            }
            return EvaluationOutcome.succeeded(namespace, key, rules.version(), member, result,
                    returnFact() ? factJson : null);
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

    private String storedJson(Map.Entry<String, HazelcastJsonValue> entry) {
        HazelcastJsonValue stored = entry.getValue();
        if (stored == null) {
            throw new FactNotFoundException(request().namespace(), request().ruleset(), entry.getKey());
        }
        return stored.getValue();
    }

    /** The computed value, or {@code null} when the evaluation wrote nothing (then backups have nothing to do). */
    @Override
    public EntryProcessor<String, HazelcastJsonValue, EvaluationOutcome> getBackupProcessor() {
        return written.backupProcessor();
    }
}
