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
 */
public class EvaluateKeysTask extends MemberTask<EvaluationOutcomes> {

    private EvaluationRequest request;
    private String[] keys;
    private String[] upsertJsons;

    protected EvaluateKeysTask() {
    }

    /**
     * @param keys        the facts' keys, of partitions the receiving member owns
     * @param upsertJsons for each key, the fact that replaces the stored one before the evaluation; {@code null}
     *                    to evaluate the stored facts
     */
    public EvaluateKeysTask(EvaluationRequest request, List<String> keys, List<String> upsertJsons) {
        if (upsertJsons != null && upsertJsons.size() != keys.size()) {
            throw new IllegalArgumentException(keys.size() + " keys but " + upsertJsons.size() + " facts to upsert");
        }
        this.request = request;
        this.keys = keys.toArray(String[]::new);
        this.upsertJsons = upsertJsons == null ? null : upsertJsons.toArray(String[]::new);
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

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        request.write(out);
        out.writeStringArray(keys);
        out.writeStringArray(upsertJsons);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        request = EvaluationRequest.read(in);
        keys = in.readStringArray();
        upsertJsons = in.readStringArray();
    }

    @Override
    public final int getClassId() {
        return WireTypes.EVALUATE_KEYS_TASK;
    }
}
