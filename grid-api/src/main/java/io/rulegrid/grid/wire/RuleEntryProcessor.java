package io.rulegrid.grid.wire;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.rulegrid.grid.FactNotFoundException;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.MemberEngine;
import io.rulegrid.grid.RuleSetNotFoundException;
import io.rulegrid.grid.VersionedRuleSet;
import io.rulegrid.grid.wire.EvaluationOutcome.Failure;
import io.rulegrid.rules.EvaluationResult;
import io.rulegrid.rules.Facts;
import io.rulegrid.rules.MalformedFactException;
import io.rulegrid.rules.RuleCompilationException;
import io.rulegrid.rules.RuleEvaluationException;

import java.io.IOException;
import java.util.Map;

/**
 * One evaluation of a ruleset over one fact, on the member that owns the fact's partition. Runs on the
 * partition thread: operations on the same key queue behind it, so evaluations of one fact never
 * overlap. Writes the fact only when the rules changed it (or it was upserted), deletes it on
 * {@code retract()}, and hands the backups the computed value ({@link ComputedValue}) instead of running
 * the rules again. A failed evaluation changes nothing and returns the failure.
 */
public final class RuleEntryProcessor extends WritingEntryProcessor<EvaluationOutcome> implements HazelcastInstanceAware {

    private EvaluationRequest request;
    private String upsertJson;

    private transient HazelcastInstance instance;

    RuleEntryProcessor() {
    }

    /**
     * @param namespace  the fact namespace, for messages
     * @param ruleset    the ruleset to evaluate
     * @param version    a version, or 0 for the active one
     * @param inputJson  the call's parameters as a JSON object, or {@code null}
     * @param upsertJson a fact that replaces the stored one before the evaluation, or {@code null}
     */
    public RuleEntryProcessor(String namespace, String ruleset, int version, String inputJson, String upsertJson) {
        this.request = new EvaluationRequest(namespace, ruleset, version, inputJson);
        this.upsertJson = upsertJson;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public EvaluationOutcome process(Map.Entry<String, HazelcastJsonValue> entry) {
        MemberEngine engine = (MemberEngine) instance.getUserContext().get(GridNames.ENGINE_CONTEXT_KEY);
        String namespace = request.namespace;
        String ruleset = request.ruleset;
        String key = entry.getKey();
        String member = engine.memberAddress();
        try {
            String factJson = upsertJson != null ? upsertJson : storedJson(entry);
            Map<String, Object> fact = Facts.parse(factJson);
            Map<String, Object> input = request.inputJson == null ? Map.of() : Facts.parse(request.inputJson);
            VersionedRuleSet rules = engine.ruleSet(ruleset, request.version);
            EvaluationResult result = rules.ruleSet().evaluate(fact, input);
            engine.recorded(ruleset, result);
            if (result.retracted()) {
                factJson = null;
                write(entry, null);
            } else if (result.changed() || upsertJson != null) {
                factJson = Facts.toJson(result.fact());
                write(entry, new HazelcastJsonValue(factJson));
            }
            return EvaluationOutcome.succeeded(namespace, key, rules.version(), member, result, factJson);
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
            throw new FactNotFoundException(request.namespace, request.ruleset, entry.getKey());
        }
        return stored.getValue();
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        request.write(out);
        out.writeString(upsertJson);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        request = EvaluationRequest.read(in);
        upsertJson = in.readString();
    }

    @Override
    public int getClassId() {
        return WireTypes.RULE_ENTRY_PROCESSOR;
    }
}
