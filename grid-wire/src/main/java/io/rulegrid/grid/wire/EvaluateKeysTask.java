package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates a ruleset over several facts, each optionally replaced first (upsert), in one operation per
 * partition of the keys; sent by the client to the member that owns those partitions, one per member of a batch.
 * Answers one {@link EvaluationOutcome} per distinct key ({@link EvaluationOutcomes}).
 *
 * <p>Two layouts travel under two class ids, as for {@link RuleEntryProcessor}:
 * {@link WireTypes#EVALUATE_KEYS_TASK_FACT_ON_REQUEST}, which clients send, says whether the outcomes carry the
 * facts; {@link WireTypes#EVALUATE_KEYS_TASK}, which clients of earlier builds sent, has no such flag and is
 * always answered with the facts.
 */
public class EvaluateKeysTask extends MemberTask<EvaluationOutcomes> {

    private final int classId;
    private EvaluationRequest request;
    private String[] keys;
    private String[] upsertJsons;
    private boolean returnFacts;

    /** An instance to read into, in the layout of {@code classId}. */
    protected EvaluateKeysTask(int classId) {
        if (classId != WireTypes.EVALUATE_KEYS_TASK && classId != WireTypes.EVALUATE_KEYS_TASK_FACT_ON_REQUEST) {
            throw new IllegalArgumentException("RuleGrid wire type " + classId + " is no evaluation of keys");
        }
        this.classId = classId;
    }

    /**
     * @param keys        the facts' keys, of partitions the receiving member owns
     * @param upsertJsons for each key, the fact that replaces the stored one before the evaluation; {@code null}
     *                    to evaluate the stored facts
     * @param returnFacts whether each outcome carries its new fact; without it, the outcomes say what the rules did
     */
    public EvaluateKeysTask(EvaluationRequest request, List<String> keys, List<String> upsertJsons,
                            boolean returnFacts) {
        this(WireTypes.EVALUATE_KEYS_TASK_FACT_ON_REQUEST);
        if (upsertJsons != null && upsertJsons.size() != keys.size()) {
            throw new IllegalArgumentException(keys.size() + " keys but " + upsertJsons.size() + " facts to upsert");
        }
        this.request = request;
        this.keys = keys.toArray(String[]::new);
        this.upsertJsons = upsertJsons == null ? null : upsertJsons.toArray(String[]::new);
        this.returnFacts = returnFacts;
    }

    protected final EvaluationRequest request() {
        return request;
    }

    protected final List<String> keys() {
        return Arrays.asList(keys);
    }

    /** The facts to upsert, one per key, or {@code null} to evaluate the stored facts. */
    protected final List<String> upsertJsons() {
        return upsertJsons == null ? null : Arrays.asList(upsertJsons);
    }

    /** Whether each outcome carries its new fact; always for the earlier layout, whose callers read them. */
    protected final boolean returnFacts() {
        return returnFacts;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        request.write(out);
        out.writeStringArray(keys);
        out.writeStringArray(upsertJsons);
        if (classId == WireTypes.EVALUATE_KEYS_TASK_FACT_ON_REQUEST) {
            out.writeBoolean(returnFacts);
        }
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        request = EvaluationRequest.read(in);
        keys = in.readStringArray();
        upsertJsons = in.readStringArray();
        returnFacts = classId == WireTypes.EVALUATE_KEYS_TASK || in.readBoolean();
    }

    @Override
    public final int getClassId() {
        return classId;
    }
}
