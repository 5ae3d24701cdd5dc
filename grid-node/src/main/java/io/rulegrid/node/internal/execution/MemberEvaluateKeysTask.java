package io.rulegrid.node.internal.execution;

import com.hazelcast.internal.serialization.Data;
import io.rulegrid.grid.wire.EvaluateKeysTask;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.EvaluationOutcomes;
import io.rulegrid.node.internal.GridEngine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The member's {@link EvaluateKeysTask}: runs one {@link KeysEvaluation} per partition of the keys (the client
 * sends the keys of the partitions this member owns), all at once, and waits for them and their backups. The
 * outcomes carry the facts only when the caller asked for them.
 */
final class MemberEvaluateKeysTask extends EvaluateKeysTask {

    private final transient GridEngine engine;

    MemberEvaluateKeysTask(GridEngine engine, int classId) {
        super(classId);
        this.engine = engine;
    }

    @Override
    public EvaluationOutcomes call() {
        List<String> keys = keys();
        List<String> facts = upsertJsons();
        Map<Integer, Set<Data>> byPartition = new HashMap<>();
        Map<String, String> upserts = facts == null ? null : new HashMap<>(keys.size() * 2);
        for (int i = 0; i < keys.size(); i++) {
            Data key = engine.toData(keys.get(i));
            byPartition.computeIfAbsent(engine.partitionOf(key), p -> new HashSet<>()).add(key);
            if (upserts != null) {
                upserts.put(keys.get(i), facts.get(i));
            }
        }
        List<CompletableFuture<EvaluationOutcomes>> partitions = new ArrayList<>(byPartition.size());
        byPartition.forEach((partition, partitionKeys) -> partitions.add(engine.onPartition(partition,
                new KeysEvaluation(request().namespace(), partitionKeys,
                        BatchEvaluator.forKeys(engine, request(), upserts)))));
        List<EvaluationOutcome> outcomes = new ArrayList<>(keys.size());
        // the partition operations ran here, so the facts cost nothing until they are sent back
        partitions.forEach(partition -> partition.join().outcomes().forEach(outcome ->
                outcomes.add(returnFacts() ? outcome : outcome.withoutFact())));
        return new EvaluationOutcomes(outcomes);
    }
}
