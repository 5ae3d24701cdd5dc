package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.query.Predicate;
import io.rulegrid.grid.MemberEngine;

import java.io.IOException;

/**
 * Evaluates a ruleset over the facts that match a predicate (using the namespace's indexes). Sent to one
 * member, which selects the keys with a cluster-wide query (consistent while partitions migrate: each key
 * once) and submits one entry operation per key to its owner, so each fact's backups receive its computed
 * value.
 */
public final class EvaluateAllTask extends MemberTask<BulkSummary> {

    private EvaluationRequest request;
    private Predicate<String, ?> where;

    EvaluateAllTask() {
    }

    /**
     * @param where a Hazelcast predicate over the facts, e.g. {@code Predicates.sql("category = 'books'")};
     *              {@code null} for all facts
     */
    public EvaluateAllTask(String namespace, String ruleset, int version, String inputJson, Predicate<String, ?> where) {
        this.request = new EvaluationRequest(namespace, ruleset, version, inputJson);
        this.where = where;
    }

    @Override
    BulkSummary run(MemberEngine engine) {
        return engine.evaluateMatching(request.namespace, request.ruleset, request.version, request.inputJson, where);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        request.write(out);
        out.writeObject(where);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        request = EvaluationRequest.read(in);
        where = in.readObject();
    }

    @Override
    public int getClassId() {
        return WireTypes.EVALUATE_ALL_TASK;
    }
}
