package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.rulegrid.api.Facts;
import io.rulegrid.api.MalformedFactException;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.grid.wire.WireTypes;
import io.rulegrid.node.internal.GridEngine;

import java.io.IOException;
import java.util.Map;

/**
 * Applies one event of a Kafka feed to its fact, exactly once, on the partition thread of the fact's owner: an
 * event the fact's {@link FeedLedger} records as applied is not applied again (its pending decisions are answered
 * instead); otherwise the upsert or patch is evaluated with the pipeline's ruleset ({@link FactEvaluation}) and
 * stored with the event recorded in the ledger, or the delete removes the fact. The backups receive the computed
 * value, ledger included, so a new owner after a member loss knows the event as well as the old one did; this is
 * also what makes an operation Hazelcast sends again after that loss harmless.
 */
public final class FeedEventProcessor implements EntryProcessor<String, HazelcastJsonValue, AppliedEvent>,
        IdentifiedDataSerializable {

    private final transient GridEngine engine;
    private final transient ComputedWrite written = new ComputedWrite();
    private EvaluationRequest request;
    private EventOp op;
    private String payloadJson;
    private String source;
    private long offset;
    private long committed;
    private String aggregatesJson;

    FeedEventProcessor(GridEngine engine) {
        this.engine = engine;
    }

    /**
     * @param request     the namespace and the ruleset (its active version unless the request names one)
     * @param payloadJson the event's fact (upsert) or patch object as JSON; {@code null} for a delete
     * @param source      where the event comes from, {@code topic/partition}
     * @param offset      the event's offset in {@code source}
     * @param committed   the offset of {@code source} up to which the pipeline committed its decisions, or -1
     * @param aggregatesJson the pipeline's windowed aggregates at the event as a JSON object, or {@code null}
     */
    public FeedEventProcessor(GridEngine engine, EvaluationRequest request, EventOp op, String payloadJson,
                              String source, long offset, long committed, String aggregatesJson) {
        this(engine);
        this.request = request;
        this.op = op;
        this.payloadJson = payloadJson;
        this.source = source;
        this.offset = offset;
        this.committed = committed;
        this.aggregatesJson = aggregatesJson;
    }

    @Override
    public AppliedEvent process(Map.Entry<String, HazelcastJsonValue> entry) {
        long now = System.currentTimeMillis();
        HazelcastJsonValue stored = entry.getValue();
        Map<String, Object> storedFact;
        try {
            storedFact = stored == null ? null : Facts.parse(stored.getValue());
        } catch (MalformedFactException e) {
            return AppliedEvent.failed("MALFORMED_FACT: the stored fact \"" + entry.getKey() + "\": "
                    + e.getMessage());
        }
        FeedLedger ledger = FeedLedger.of(storedFact == null ? null : storedFact.remove(GridNames.FEED_LEDGER_FIELD));
        if (ledger.applied(source, offset)) {
            return AppliedEvent.appliedBefore(ledger.pending(source, offset));
        }
        if (op == EventOp.DELETE) {
            // the ledger goes with the fact: a later event of the key starts a new one
            if (stored != null) {
                written.write(entry, null);
            }
            return AppliedEvent.applied(0, now, "[]");
        }
        EvaluationOutcome outcome = FactEvaluation.evaluate(engine, request, entry,
                new FeedChange(op, payloadJson, storedFact, ledger, source, offset, committed, now,
                        aggregatesJson == null ? Map.of() : Facts.parse(aggregatesJson)), false,
                written::write);
        if (!outcome.succeeded()) {
            return AppliedEvent.failed(outcome.failure().code() + ": " + outcome.error().getMessage());
        }
        return AppliedEvent.applied(outcome.version(), now, outcome.outputsJson());
    }

    /** The computed value, or {@code null} when the event changed nothing (then backups have nothing to do). */
    @Override
    public EntryProcessor<String, HazelcastJsonValue, AppliedEvent> getBackupProcessor() {
        return written.backupProcessor();
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        request.write(out);
        out.writeByte(op.ordinal());
        out.writeString(payloadJson);
        out.writeString(source);
        out.writeLong(offset);
        out.writeLong(committed);
        out.writeString(aggregatesJson);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        request = EvaluationRequest.read(in);
        op = EventOp.values()[in.readByte()];
        payloadJson = in.readString();
        source = in.readString();
        offset = in.readLong();
        committed = in.readLong();
        aggregatesJson = in.readString();
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.FEED_EVENT_PROCESSOR;
    }
}
