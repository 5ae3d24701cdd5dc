package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.List;

/**
 * A batch evaluation as clients of earlier builds sent it: {@link WireTypes#EVALUATE_KEYS_TASK}, the request, the
 * keys and the upserted facts, no choice about the reply. Written field by field here, independently of
 * {@link EvaluateKeysTask}, so that a test fails if today's classes stop reading those bytes.
 */
public final class EarlierEvaluateKeysTask implements IdentifiedDataSerializable {

    private final EvaluationRequest request;
    private final List<String> keys;
    private final List<String> upsertJsons;

    public EarlierEvaluateKeysTask(EvaluationRequest request, List<String> keys, List<String> upsertJsons) {
        this.request = request;
        this.keys = keys;
        this.upsertJsons = upsertJsons;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(request.namespace());
        out.writeString(request.ruleset());
        out.writeInt(request.version());
        out.writeString(request.inputJson());
        out.writeStringArray(keys.toArray(String[]::new));
        out.writeStringArray(upsertJsons == null ? null : upsertJsons.toArray(String[]::new));
    }

    @Override
    public void readData(ObjectDataInput in) {
        throw new UnsupportedOperationException("only written, as an earlier client did");
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.EVALUATE_KEYS_TASK;
    }
}
