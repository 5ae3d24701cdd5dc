package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.query.Predicate;

import java.io.IOException;

/**
 * Evaluates a ruleset over the facts of one partition that match a predicate (using the namespace's indexes),
 * in one operation on the partition's owner; sent by the client to that owner, one per partition. Each fact's
 * backups receive the values computed for the whole partition in one backup operation. The run id makes a
 * repeat of the same task (after its member crashed) answer the first run's summary instead of evaluating
 * again, where the first run reached the backup that is now the owner.
 */
public class EvaluatePartitionTask extends MemberTask<BulkSummary> {

    private EvaluationRequest request;
    private Predicate<String, ?> where;
    private int partitionId;
    private String runId;

    protected EvaluatePartitionTask() {
    }

    /**
     * @param where a Hazelcast predicate over the facts, e.g. {@code Predicates.sql("category = 'books'")};
     *              {@code null} for all facts
     * @param runId the bulk call's id, the same for every partition and every repeat
     */
    public EvaluatePartitionTask(EvaluationRequest request, Predicate<String, ?> where, int partitionId, String runId) {
        this.request = request;
        this.where = where;
        this.partitionId = partitionId;
        this.runId = runId;
    }

    protected final EvaluationRequest request() {
        return request;
    }

    /** The predicate facts must match, or {@code null} for all. */
    protected final Predicate<String, ?> where() {
        return where;
    }

    protected final int partitionId() {
        return partitionId;
    }

    protected final String runId() {
        return runId;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        request.write(out);
        out.writeObject(where);
        out.writeInt(partitionId);
        out.writeString(runId);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        request = EvaluationRequest.read(in);
        where = in.readObject();
        partitionId = in.readInt();
        runId = in.readString();
    }

    @Override
    public final int getClassId() {
        return WireTypes.EVALUATE_PARTITION_TASK;
    }
}
