package io.rulegrid.node.internal.execution;

import com.hazelcast.query.Predicates;
import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.EvaluatePartitionTask;
import io.rulegrid.node.internal.GridEngine;

/**
 * The member's {@link EvaluatePartitionTask}: runs one {@link PartitionEvaluation} on the partition (on this
 * member, its owner when the client sent the task; Hazelcast forwards it if the partition moved since) and
 * waits for it and its backups.
 */
final class MemberEvaluatePartitionTask extends EvaluatePartitionTask {

    private final transient GridEngine engine;

    MemberEvaluatePartitionTask(GridEngine engine) {
        this.engine = engine;
    }

    @Override
    public BulkSummary call() {
        BatchEvaluator evaluator = BatchEvaluator.forPartition(engine, request(), partitionId(), runId());
        return engine.<BulkSummary>onPartition(partitionId(), new PartitionEvaluation(engine, request().namespace(),
                evaluator, where() == null ? Predicates.alwaysTrue() : where())).join();
    }
}
