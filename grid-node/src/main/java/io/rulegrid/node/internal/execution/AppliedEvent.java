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
 * pipeline had not committed them); or failed, with the reason, having changed nothing but the ledger. Exactly once,
 * an event that deletes its fact (a delete, or the rules' {@code retract()}), and an event that fails on an absent
 * fact, first answer {@link Status#WRITE_TOMBSTONE}, having changed nothing: the pipeline writes the fact's tombstone,
 * which records the event, then sends the event again, which then removes the fact or fails as recorded.
 */
public final class AppliedEvent implements IdentifiedDataSerializable {

    /** The ordinal travels on the wire: append, never reorder. */
    public enum Status {
        APPLIED, APPLIED_BEFORE, FAILED,
        /** Not applied yet: write {@link #tombstoneJson()} as the fact's tombstone, then send the event again. */
        WRITE_TOMBSTONE
    }

    private Status status;
    private int version;
    private long timestamp;
    private String outputsJson;
    private String failure;
    private String tombstoneJson;
    private long retractedFingerprint;

    AppliedEvent() {
    }

    private AppliedEvent(Status status, int version, long timestamp, String outputsJson, String failure,
                         String tombstoneJson) {
        this.status = status;
        this.version = version;
        this.timestamp = timestamp;
        this.outputsJson = outputsJson;
        this.failure = failure;
        this.tombstoneJson = tombstoneJson;
    }

    /**
     * Applied now; {@code outputsJson} is the evaluation's outputs as it wrote them
     * ({@link io.rulegrid.grid.wire.EvaluationOutcome#outputsJson()}), {@code []} for a delete.
     */
    static AppliedEvent applied(int version, long timestamp, String outputsJson) {
        return new AppliedEvent(Status.APPLIED, version, timestamp, outputsJson, null, null);
    }

    /**
     * Applied before; {@code pending} is the ledger's record of its decisions, or {@code null} if committed. A record
     * of a failure makes a failed event again, with the same reason.
     */
    static AppliedEvent appliedBefore(Map<String, Object> pending) {
        return recorded(Status.APPLIED_BEFORE, pending);
    }

    /**
     * Applied now, as the fact's tombstone recorded it when the event was first sent ({@link #writeTombstone}):
     * {@code pending} is the tombstone's record of its decisions or failure, or {@code null} when it made none.
     */
    static AppliedEvent appliedAsRecorded(Map<String, Object> pending) {
        return recorded(Status.APPLIED, pending);
    }

    private static AppliedEvent recorded(Status status, Map<String, Object> pending) {
        String failure = FeedLedger.failure(pending);
        if (failure != null) {
            return failed(failure);
        }
        if (pending == null) {
            return new AppliedEvent(status, 0, 0, "[]", null, null);
        }
        return new AppliedEvent(status, ((Number) pending.get("version")).intValue(),
                ((Number) pending.get("timestamp")).longValue(), Facts.toJson(pending.get("outputs")), null, null);
    }

    /** Not applied, nothing changed; {@code failure} is {@code CODE: message}. */
    static AppliedEvent failed(String failure) {
        return new AppliedEvent(Status.FAILED, 0, 0, "[]", failure, null);
    }

    /**
     * Not applied yet, nothing changed: the event deletes its fact, or failed on an absent one; {@code tombstoneJson}
     * is the fact's ledger with the event recorded (its failure, if any).
     */
    static AppliedEvent writeTombstone(String tombstoneJson) {
        return new AppliedEvent(Status.WRITE_TOMBSTONE, 0, 0, "[]", null, tombstoneJson);
    }

    /**
     * Not applied yet, nothing changed: the rules retracted the fact, whose stored value has
     * {@code storedFingerprint}; {@code tombstoneJson} is its ledger with the event and its decisions recorded.
     */
    static AppliedEvent writeTombstoneOfRetracted(String tombstoneJson, long storedFingerprint) {
        AppliedEvent retracted = writeTombstone(tombstoneJson);
        retracted.retractedFingerprint = storedFingerprint;
        return retracted;
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

    /** With {@link Status#WRITE_TOMBSTONE}: the tombstone to write, the fact's ledger as JSON; otherwise {@code null}. */
    public String tombstoneJson() {
        return tombstoneJson;
    }

    /**
     * With {@link Status#WRITE_TOMBSTONE} after a {@code retract()}: the fingerprint of the stored value the rules
     * retracted, so that a value a client wrote meanwhile is not removed in its place; otherwise 0.
     */
    public long retractedFingerprint() {
        return retractedFingerprint;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(status.ordinal());
        out.writeInt(version);
        out.writeLong(timestamp);
        out.writeString(outputsJson);
        out.writeString(failure);
        out.writeString(tombstoneJson);
        out.writeLong(retractedFingerprint);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        status = Status.values()[in.readByte()];
        version = in.readInt();
        timestamp = in.readLong();
        outputsJson = in.readString();
        failure = in.readString();
        tombstoneJson = in.readString();
        retractedFingerprint = in.readLong();
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
