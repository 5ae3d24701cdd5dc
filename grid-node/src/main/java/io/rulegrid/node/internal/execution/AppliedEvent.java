package io.rulegrid.node.internal.execution;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.rulegrid.api.Facts;
import io.rulegrid.grid.wire.WireTypes;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What applying a feed's event to its fact did ({@link FeedEventProcessor}'s reply): applied, with the outputs to
 * write as decisions; applied before, with the decisions still pending in the fact's ledger (written again, as the
 * pipeline had not committed them); or failed, with the reason, having changed nothing.
 */
public final class AppliedEvent implements IdentifiedDataSerializable {

    /** The three ends of an event; the ordinal travels on the wire: append, never reorder. */
    public enum Status { APPLIED, APPLIED_BEFORE, FAILED }

    private Status status;
    private int version;
    private long timestamp;
    private String outputsJson;
    private String failure;

    AppliedEvent() {
    }

    private AppliedEvent(Status status, int version, long timestamp, String outputsJson, String failure) {
        this.status = status;
        this.version = version;
        this.timestamp = timestamp;
        this.outputsJson = outputsJson;
        this.failure = failure;
    }

    /**
     * Applied now; {@code outputsJson} is the evaluation's outputs as it wrote them
     * ({@link io.rulegrid.grid.wire.EvaluationOutcome#outputsJson()}), {@code []} for a delete.
     */
    static AppliedEvent applied(int version, long timestamp, String outputsJson) {
        return new AppliedEvent(Status.APPLIED, version, timestamp, outputsJson, null);
    }

    /** Applied before; {@code pending} is the ledger's record of its decisions, or {@code null} if committed. */
    static AppliedEvent appliedBefore(Map<String, Object> pending) {
        if (pending == null) {
            return new AppliedEvent(Status.APPLIED_BEFORE, 0, 0, "[]", null);
        }
        return new AppliedEvent(Status.APPLIED_BEFORE, ((Number) pending.get("version")).intValue(),
                ((Number) pending.get("timestamp")).longValue(), Facts.toJson(pending.get("outputs")), null);
    }

    /** Not applied, nothing changed; {@code failure} is {@code CODE: message}. */
    static AppliedEvent failed(String failure) {
        return new AppliedEvent(Status.FAILED, 0, 0, "[]", failure);
    }

    public Status status() {
        return status;
    }

    /** The ruleset version that made the decisions. */
    public int version() {
        return version;
    }

    /** When the event was applied (epoch milliseconds on its fact's member), the decisions' timestamp. */
    public long timestamp() {
        return timestamp;
    }

    /** The decisions to write: {@code {rule, type, value}} objects in the order the rules emitted them. */
    public List<Map<String, Object>> outputs() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outputs = (List<Map<String, Object>>) Facts.parseValue(outputsJson);
        return outputs;
    }

    /** Why the event was not applied ({@code CODE: message}), or {@code null}. */
    public String failure() {
        return failure;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(status.ordinal());
        out.writeInt(version);
        out.writeLong(timestamp);
        out.writeString(outputsJson);
        out.writeString(failure);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        status = Status.values()[in.readByte()];
        version = in.readInt();
        timestamp = in.readLong();
        outputsJson = in.readString();
        failure = in.readString();
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.APPLIED_EVENT;
    }
}
