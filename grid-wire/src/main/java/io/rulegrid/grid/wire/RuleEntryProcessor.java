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
 * the request's data; a member registers its own subclass for the same class ids, which evaluates on the
 * partition thread and answers an {@link EvaluationOutcome}.
 *
 * <p>Two layouts travel under two class ids: {@link WireTypes#RULE_ENTRY_PROCESSOR_FACT_ON_REQUEST}, which clients
 * send, says whether the reply carries the fact; {@link WireTypes#RULE_ENTRY_PROCESSOR}, which clients of earlier
 * builds sent, has no such flag and is always answered with the fact. An instance writes the layout it was made
 * or read in, so that its bytes survive a round trip.
 */
public class RuleEntryProcessor implements EntryProcessor<String, HazelcastJsonValue, EvaluationOutcome>,
        IdentifiedDataSerializable {

    private final int classId;
    private EvaluationRequest request;
    private String upsertJson;
    private boolean returnFact;

    /** An instance to read into, in the layout of {@code classId}. */
    protected RuleEntryProcessor(int classId) {
        if (classId != WireTypes.RULE_ENTRY_PROCESSOR && classId != WireTypes.RULE_ENTRY_PROCESSOR_FACT_ON_REQUEST) {
            throw new IllegalArgumentException("RuleGrid wire type " + classId + " is no evaluation of one fact");
        }
        this.classId = classId;
    }

    /**
     * @param request    what to evaluate
     * @param upsertJson a fact that replaces the stored one before the evaluation, or {@code null}
     * @param returnFact whether the reply carries the new fact; without it, the reply says what the rules did
     */
    public RuleEntryProcessor(EvaluationRequest request, String upsertJson, boolean returnFact) {
        this(WireTypes.RULE_ENTRY_PROCESSOR_FACT_ON_REQUEST);
        this.request = request;
        this.upsertJson = upsertJson;
        this.returnFact = returnFact;
    }

    protected final EvaluationRequest request() {
        return request;
    }

    /** The fact that replaces the stored one, as JSON, or {@code null} to evaluate the stored one. */
    protected final String upsertJson() {
        return upsertJson;
    }

    /** Whether the reply carries the new fact; always for the earlier layout, whose callers read it. */
    protected final boolean returnFact() {
        return returnFact;
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
        if (classId == WireTypes.RULE_ENTRY_PROCESSOR_FACT_ON_REQUEST) {
            out.writeBoolean(returnFact);
        }
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        request = EvaluationRequest.read(in);
        upsertJson = in.readString();
        returnFact = classId == WireTypes.RULE_ENTRY_PROCESSOR || in.readBoolean();
    }

    @Override
    public final int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public final int getClassId() {
        return classId;
    }
}
