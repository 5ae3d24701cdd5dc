package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.query.Predicate;

import java.io.IOException;

/**
 * Evaluates a ruleset over the facts of some partitions that match a predicate (using the namespace's indexes),
 * one operation per partition, all at once; sent by the client to the member that owns those partitions, one
 * task per member. Each partition's backups receive the values computed for the whole partition in one backup
 * operation. The run id makes a repeat of the same partitions (after their member crashed) answer the first
 * run's summary instead of evaluating again, where the first run reached the backup that is now the owner.
 */
public class EvaluatePartitionsTask extends MemberTask<BulkSummary> {

    private EvaluationRequest request;
    private Predicate<String, ?> where;
    private int[] partitionIds;
    private String runId;

    protected EvaluatePartitionsTask() {
    }

    /**
     * @param where        a Hazelcast predicate over the facts, e.g. {@code Predicates.sql("category = 'books'")};
     *                     {@code null} for all facts
     * @param partitionIds the partitions to evaluate (those the receiving member owns, as the sender saw it; a
     *                     partition that moved since is evaluated on its new owner)
     * @param runId        the bulk call's id, the same for every partition and every repeat
     */
    public EvaluatePartitionsTask(EvaluationRequest request, Predicate<String, ?> where, int[] partitionIds,
                                  String runId) {
        this.request = request;
        this.where = where;
        this.partitionIds = partitionIds.clone();
        this.runId = runId;
    }

    protected final EvaluationRequest request() {
        return request;
    }

    /** The predicate facts must match, or {@code null} for all. */
    protected final Predicate<String, ?> where() {
        return where;
    }

    protected final int[] partitionIds() {
        return partitionIds.clone();
    }

    protected final String runId() {
        return runId;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        request.write(out);
        out.writeObject(where);
        out.writeIntArray(partitionIds);
        out.writeString(runId);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        request = EvaluationRequest.read(in);
        where = in.readObject();
        partitionIds = in.readIntArray();
        runId = in.readString();
    }

    @Override
    public final int getClassId() {
        return WireTypes.EVALUATE_PARTITIONS_TASK;
    }
}
