package io.rulegrid.node.internal.execution;

import com.hazelcast.map.impl.operation.PartitionWideEntryWithPredicateOperation;
import com.hazelcast.query.Predicate;
import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.WireTypes;
import io.rulegrid.node.internal.GridEngine;

/**
 * Hazelcast's partition-wide entry operation with a predicate (which queries the partition's indexes), run
 * with RuleGrid's {@link BatchEvaluator} over one partition of a bulk run, changed in what RuleGrid needs:
 * <ul>
 *   <li>synchronous backups: Hazelcast sends this operation's backups asynchronously, so a caller could learn
 *       of a run that a crash then loses; here the answer waits for the backups, like a single-key entry
 *       operation's;</li>
 *   <li>exactly once per run: a run this partition's replicas remember (it reached the backup that is now the
 *       owner, but its caller never learned it) answers the remembered summary and evaluates nothing;</li>
 *   <li>the answer is the partition's {@link BulkSummary}, not the facts.</li>
 * </ul>
 * It never offloads to Hazelcast's stepped execution, so that the check and the run are one step on the
 * partition thread.
 */
final class PartitionEvaluation extends PartitionWideEntryWithPredicateOperation {

    private final transient GridEngine engine;
    private transient BulkSummary remembered;

    PartitionEvaluation(GridEngine engine) {
        this.engine = engine;
    }

    PartitionEvaluation(GridEngine engine, String map, BatchEvaluator evaluator, Predicate<?, ?> where) {
        super(map, evaluator, where);
        this.engine = engine;
    }

    private BatchEvaluator evaluator() {
        return (BatchEvaluator) entryProcessor;
    }

    @Override
    protected void runInternal() {
        remembered = engine.bulkRuns().completed(getPartitionId(), evaluator().runId());
        if (remembered == null) {
            super.runInternal();
            engine.bulkRuns().complete(getPartitionId(), evaluator().runId(), evaluator().summary());
        }
    }

    @Override
    public boolean supportsSteppedRun() {
        return false;
    }

    @Override
    public Object getResponse() {
        return remembered != null ? remembered : evaluator().summary();
    }

    @Override
    public boolean shouldBackup() {
        return remembered == null && super.shouldBackup();
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
        return WireTypes.PARTITION_EVALUATION;
    }
}
