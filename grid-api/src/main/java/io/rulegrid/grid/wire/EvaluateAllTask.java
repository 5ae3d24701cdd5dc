package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.query.Predicate;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.MemberEngine;

import java.io.IOException;

/**
 * Evaluates a ruleset over the facts a member owns that match a predicate (using the namespace's
 * indexes). Sent to every member; each evaluates its own facts, one entry operation per fact, so each
 * fact's backups receive its computed value.
 */
public final class EvaluateAllTask extends MemberTask<BulkSummary> {

    private String namespace;
    private String ruleset;
    private int version;
    private String inputJson;
    private Predicate<String, ?> where;

    EvaluateAllTask() {
    }

    /**
     * @param where a Hazelcast predicate over the facts, e.g. {@code Predicates.sql("category = 'books'")};
     *              {@code null} for all facts
     */
    public EvaluateAllTask(String namespace, String ruleset, int version, String inputJson, Predicate<String, ?> where) {
        this.namespace = GridNames.checkNamespace(namespace);
        this.ruleset = ruleset;
        this.version = version;
        this.inputJson = inputJson;
        this.where = where;
    }

    @Override
    BulkSummary run(MemberEngine engine) {
        return engine.evaluateLocal(namespace, ruleset, version, inputJson, where);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(namespace);
        out.writeString(ruleset);
        out.writeInt(version);
        out.writeString(inputJson);
        out.writeObject(where);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        namespace = in.readString();
        ruleset = in.readString();
        version = in.readInt();
        inputJson = in.readString();
        where = in.readObject();
    }

    @Override
    public int getClassId() {
        return WireTypes.EVALUATE_ALL_TASK;
    }
}
