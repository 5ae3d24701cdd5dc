package io.rulegrid.node.internal.execution;

import com.hazelcast.internal.serialization.Data;
import io.rulegrid.grid.wire.EvaluateKeysTask;
import io.rulegrid.grid.wire.EvaluationOutcomes;
import io.rulegrid.node.internal.GridEngine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The member's {@link EvaluateKeysTask}: runs one {@link KeysEvaluation} on the keys' partition and waits for
 * it and its backups.
 */
final class MemberEvaluateKeysTask extends EvaluateKeysTask {

    private final transient GridEngine engine;

    MemberEvaluateKeysTask(GridEngine engine) {
        this.engine = engine;
    }

    @Override
    public EvaluationOutcomes call() {
        List<String> keys = keys();
        List<String> facts = upsertJsons();
        Set<Data> keyData = new HashSet<>(keys.size() * 2);
        Map<String, String> upserts = facts == null ? null : new HashMap<>(keys.size() * 2);
        for (int i = 0; i < keys.size(); i++) {
            keyData.add(engine.toData(keys.get(i)));
            if (upserts != null) {
                upserts.put(keys.get(i), facts.get(i));
            }
        }
        int partition = engine.partitionOf(keyData.iterator().next());
        return engine.onPartition(partition, new KeysEvaluation(request().namespace(), keyData,
                BatchEvaluator.forKeys(engine, request(), upserts)));
    }
}
