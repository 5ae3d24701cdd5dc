package io.rulegrid.node.internal.execution;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.impl.operation.MultipleEntryOperation;
import io.rulegrid.grid.wire.EvaluationOutcomes;
import io.rulegrid.grid.wire.WireTypes;

import java.util.Set;

/**
 * Hazelcast's multiple-entry operation, run with RuleGrid's {@link BatchEvaluator} over several keys of one
 * partition, with synchronous backups (Hazelcast sends this operation's backups asynchronously, so a caller
 * could learn of a write that a crash then loses), answering each key's {@link
 * io.rulegrid.grid.wire.EvaluationOutcome}.
 */
final class KeysEvaluation extends MultipleEntryOperation {

    KeysEvaluation() {
    }

    KeysEvaluation(String map, Set<Data> keys, BatchEvaluator evaluator) {
        super(map, keys, evaluator);
    }

    @Override
    public boolean supportsSteppedRun() {
        return false;
    }

    @Override
    public Object getResponse() {
        return new EvaluationOutcomes(((BatchEvaluator) entryProcessor).outcomes());
    }

    @Override
    public int getSyncBackupCount() {
        return mapContainer.getBackupCount();
    }

    @Override
    public int getAsyncBackupCount() {
        return mapContainer.getAsyncBackupCount();
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.KEYS_EVALUATION;
    }
}
