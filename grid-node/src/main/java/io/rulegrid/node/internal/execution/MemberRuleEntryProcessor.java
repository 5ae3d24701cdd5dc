package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.grid.wire.RuleEntryProcessor;
import io.rulegrid.node.internal.GridEngine;

import java.util.Map;

/**
 * The member's {@link RuleEntryProcessor}: evaluates one fact on the partition thread of its owner
 * ({@link FactEvaluation}), so evaluations of one fact never overlap, and hands the backups the computed value
 * instead of running the rules again. The reply carries the new fact only when the caller asked for it: a fact of
 * kilobytes would otherwise cross the network on every evaluation.
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
        return FactEvaluation.evaluate(engine, request(), entry, upsertJson(), returnFact(), written::write);
    }

    /** The computed value, or {@code null} when the evaluation wrote nothing (then backups have nothing to do). */
    @Override
    public EntryProcessor<String, HazelcastJsonValue, EvaluationOutcome> getBackupProcessor() {
        return written.backupProcessor();
    }
}
