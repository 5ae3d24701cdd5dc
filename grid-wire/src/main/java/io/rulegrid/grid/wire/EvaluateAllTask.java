package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.query.Predicate;

import java.io.IOException;

/**
 * Evaluates a ruleset over the facts that match a predicate (using the namespace's indexes). Sent to one
 * member, which selects the keys and evaluates each fact on its owner, so that each fact's backups receive its
 * computed value.
 */
public class EvaluateAllTask extends MemberTask<BulkSummary> {

    private EvaluationRequest request;
    private Predicate<String, ?> where;

    protected EvaluateAllTask() {
    }

    /**
     * @param where a Hazelcast predicate over the facts, e.g. {@code Predicates.sql("category = 'books'")};
     *              {@code null} for all facts
     */
    public EvaluateAllTask(EvaluationRequest request, Predicate<String, ?> where) {
        this.request = request;
        this.where = where;
    }

    protected final EvaluationRequest request() {
        return request;
    }

    /** The predicate facts must match, or {@code null} for all. */
    protected final Predicate<String, ?> where() {
        return where;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        request.write(out);
        out.writeObject(where);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        request = EvaluationRequest.read(in);
        where = in.readObject();
    }

    @Override
    public final int getClassId() {
        return WireTypes.EVALUATE_ALL_TASK;
    }
}
