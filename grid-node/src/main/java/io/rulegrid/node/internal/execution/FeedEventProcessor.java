package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Applies one event of a Kafka feed to its fact, exactly once, on the partition thread of the fact's owner: an
 * event the fact's {@link FeedLedger} records as applied is not applied again (its pending decisions are answered
 * instead); otherwise the upsert or patch is evaluated with the pipeline's ruleset ({@link FactEvaluation}) and
 * stored with the event recorded in the ledger, or the delete removes the fact. The backups receive the computed
 * value, ledger included, so a new owner after a member loss knows the event as well as the old one did; this is
 * also what makes an operation Hazelcast sends again after that loss harmless.
 *
 * <p>Exactly once, a fact the feed deletes leaves its ledger behind as a tombstone
 * ({@link GridNames#FEED_TOMBSTONES_MAP}, in the fact's partition), so that an event before the delete, read again after
 * a failure, is still known as applied and does not bring the fact back. The tombstone is read when an event finds no
 * fact and written before the fact is removed, both on this partition thread within this operation: Hazelcast runs
 * such a call on the caller's own partition at once, and the tombstone's backup leaves before the delete's, so a
 * backup never has the delete without the tombstone. It expires after {@link #TOMBSTONE_TTL}.
 */
public final class FeedEventProcessor implements EntryProcessor<String, HazelcastJsonValue, AppliedEvent>,
        IdentifiedDataSerializable {

    /**
     * How long a deleted fact's ledger is kept: far longer than a job takes to restart from its last snapshot and read
     * again the events after it, the only events a tombstone is for.
     */
    public static final Duration TOMBSTONE_TTL = Duration.ofHours(1);

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
        // without exactly-once (no source), facts keep no ledger and leave no tombstone
        boolean exactlyOnce = source != null;
        FeedTombstoneKey tombstoneKey = new FeedTombstoneKey(request.namespace(), entry.getKey());
        Object storedLedger = storedFact != null ? storedFact.remove(GridNames.FEED_LEDGER_FIELD)
                : exactlyOnce ? tombstone(tombstoneKey) : null;
        FeedLedger ledger = FeedLedger.of(storedLedger);
        if (ledger.applied(source, offset)) {
            return AppliedEvent.appliedBefore(ledger.pending(source, offset));
        }
        if (op == EventOp.DELETE) {
            if (stored != null) {
                if (exactlyOnce) {
                    ledger.record(source, offset, 0, now, List.of(), committed);
                    tombstones().set(tombstoneKey, new HazelcastJsonValue(Facts.toJson(ledger.value())),
                            TOMBSTONE_TTL.toMillis(), TimeUnit.MILLISECONDS);
                }
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

    /** The ledger a deleted fact left, or {@code null}: a local read of this partition, run on this thread. */
    private Object tombstone(FeedTombstoneKey key) {
        HazelcastJsonValue tombstone = tombstones().get(key);
        return tombstone == null ? null : Facts.parse(tombstone.getValue());
    }

    private IMap<FeedTombstoneKey, HazelcastJsonValue> tombstones() {
        return engine.member().getMap(GridNames.FEED_TOMBSTONES_MAP);
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
