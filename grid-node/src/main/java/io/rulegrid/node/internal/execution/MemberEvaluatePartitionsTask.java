package io.rulegrid.node.internal.execution;

import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.EvaluatePartitionsTask;
import io.rulegrid.node.internal.GridEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The member's {@link EvaluatePartitionsTask}: runs one {@link PartitionEvaluation} per partition (on this member,
 * their owner when the client sent the task; Hazelcast forwards one to its new owner if it moved since), at most
 * {@link #IN_FLIGHT} at a time, and waits for them and their backups. One thread of the task executor waits per
 * member and bulk call, not one per partition.
 */
final class MemberEvaluatePartitionsTask extends EvaluatePartitionsTask {

    /**
     * Partition operations of one call in flight at once: enough that the partition threads always have the next
     * one queued while others wait for their backups, few enough that the backup operations other members send
     * here do not queue behind a whole member's partitions. Sent all at once, a cold cluster's first bulk call
     * (1,000 rules, slow until compiled) queued backups for over 5 s, past Hazelcast's backup timeout, and was
     * repeated partition by partition: 28 s instead of 4.
     */
    static final int IN_FLIGHT = 8;

    private final transient GridEngine engine;

    MemberEvaluatePartitionsTask(GridEngine engine) {
        this.engine = engine;
    }

    @Override
    public BulkSummary call() {
        Predicate<?, ?> matching = where() == null ? Predicates.alwaysTrue() : where();
        List<CompletableFuture<BulkSummary>> partitions = new ArrayList<>();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        for (int partitionId : partitionIds()) {
            inFlight.acquireUninterruptibly();
            BatchEvaluator evaluator = BatchEvaluator.forPartition(engine, request(), partitionId, runId());
            CompletableFuture<BulkSummary> partition = engine.onPartition(partitionId,
                    new PartitionEvaluation(engine, request().namespace(), evaluator, matching));
            partition.whenComplete((summary, failure) -> inFlight.release());
            partitions.add(partition);
        }
        BulkSummary total = new BulkSummary();
        partitions.forEach(partition -> total.merge(partition.join()));
        return total;
    }
}
