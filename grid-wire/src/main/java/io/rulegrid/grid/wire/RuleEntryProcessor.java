package io.rulegrid.grid.wire;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;

/**
 * One evaluation of a ruleset over one fact, sent to the member that owns the fact's partition. This class is
 * the request's data; a member registers its own subclass for the same class id, which evaluates on the
 * partition thread and answers an {@link EvaluationOutcome}.
 */
public class RuleEntryProcessor implements EntryProcessor<String, HazelcastJsonValue, EvaluationOutcome>,
        IdentifiedDataSerializable {

    private EvaluationRequest request;
    private String upsertJson;

    protected RuleEntryProcessor() {
    }

    /**
     * @param request    what to evaluate
     * @param upsertJson a fact that replaces the stored one before the evaluation, or {@code null}
     */
    public RuleEntryProcessor(EvaluationRequest request, String upsertJson) {
        this.request = request;
        this.upsertJson = upsertJson;
    }

    protected final EvaluationRequest request() {
        return request;
    }

    /** The fact that replaces the stored one, as JSON, or {@code null} to evaluate the stored one. */
    protected final String upsertJson() {
        return upsertJson;
    }

    /**
     * Runs only in the member's subclass.
     *
     * @throws IllegalStateException always: this JVM has the client's wire types, not a member's
     */
    @Override
    public EvaluationOutcome process(Map.Entry<String, HazelcastJsonValue> entry) {
        throw new IllegalStateException("RuleEntryProcessor runs on a RuleGrid member, and this JVM registered only"
                + " the client's wire types");
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        request.write(out);
        out.writeString(upsertJson);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        request = EvaluationRequest.read(in);
        upsertJson = in.readString();
    }

    @Override
    public final int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public final int getClassId() {
        return WireTypes.RULE_ENTRY_PROCESSOR;
    }
}
