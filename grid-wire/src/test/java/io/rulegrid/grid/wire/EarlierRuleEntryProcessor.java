package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;

/**
 * An evaluation of one fact as clients of earlier builds sent it: {@link WireTypes#RULE_ENTRY_PROCESSOR}, the
 * request and the upserted fact, no choice about the reply. Written field by field here, independently of
 * {@link RuleEntryProcessor}, so that a test fails if today's classes stop reading those bytes.
 */
public final class EarlierRuleEntryProcessor implements IdentifiedDataSerializable {

    private final EvaluationRequest request;
    private final String upsertJson;

    public EarlierRuleEntryProcessor(EvaluationRequest request, String upsertJson) {
        this.request = request;
        this.upsertJson = upsertJson;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(request.namespace());
        out.writeString(request.ruleset());
        out.writeInt(request.version());
        out.writeString(request.inputJson());
        out.writeString(upsertJson);
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
        return WireTypes.RULE_ENTRY_PROCESSOR;
    }
}
