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
import java.util.List;
import java.util.Map;

/**
 * Applies one event of a Kafka feed to its fact, exactly once, on the partition thread of the fact's owner: an
 * event the fact's {@link FeedLedger} records as applied is not applied again (its pending decisions are answered
 * instead); otherwise the upsert or patch is evaluated with the pipeline's ruleset ({@link FactEvaluation}) and
 * stored with the event recorded in the ledger, or the delete removes the fact. The backups receive the computed
 * value, ledger included, so a new owner after a member loss knows the event as well as the old one did; this is
 * also what makes an operation Hazelcast sends again after that loss harmless.
 *
 * <p>Exactly once, a fact the feed deletes (a delete event, or the rules' {@code retract()}) leaves its ledger behind
 * as a tombstone ({@link GridNames#FEED_TOMBSTONES_MAP}, in the fact's partition), so that an event before the delete,
 * read again after a failure, is still known as applied and does not bring the fact back. An event that finds no
 * fact reads the tombstone within this operation (Hazelcast runs a call on the caller's own partition on its thread at
 * once). Writing it waits for its backup, which a partition thread must not do, so an event that deletes its fact
 * changes nothing at first and answers {@link AppliedEvent.Status#WRITE_TOMBSTONE}; the pipeline writes the tombstone
 * and sends the event again with it ({@link #withTombstone}), and then the fact is removed. A backup thus never has
 * the delete without the tombstone.
 *
 * <p>An event whose evaluation fails is recorded too, with the reason its dead letter gives: in the ledger of the
 * fact, written back unchanged otherwise, or in a tombstone when there is no fact (a patch of a missing fact). Read
 * again, it fails again the same way, where a later event's offset would otherwise pass it as applied.
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
    /** The tombstone the pipeline wrote for this event, as {@link AppliedEvent.Status#WRITE_TOMBSTONE} asked. */
    private String tombstoneJson;
    /** With a retract's tombstone: the fingerprint of the value the rules retracted ({@link #fingerprint}). */
    private long retractedFingerprint;

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

    /** The same event, sent again once the pipeline wrote the tombstone its first sending answered with. */
    public FeedEventProcessor withTombstone(AppliedEvent written) {
        FeedEventProcessor again = new FeedEventProcessor(engine, request, op, payloadJson, source, offset, committed,
                aggregatesJson);
        again.tombstoneJson = written.tombstoneJson();
        again.retractedFingerprint = written.retractedFingerprint();
        return again;
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
        if (tombstoneJson != null) {
            // sent again with its tombstone written, which records the event: a delete or a retract removes the fact
            Map<String, Object> recorded = FeedLedger.of(Facts.parse(tombstoneJson)).pending(source, offset);
            // a delete removes what is there; a retract only the value the rules retracted, not one a client wrote since
            boolean removes = op == EventOp.DELETE || fingerprint(stored) == retractedFingerprint;
            if (stored != null && FeedLedger.failure(recorded) == null && removes) {
                written.write(entry, null);
            }
            return AppliedEvent.appliedAsRecorded(recorded);
        }
        Object storedLedger = storedFact != null ? storedFact.remove(GridNames.FEED_LEDGER_FIELD)
                : exactlyOnce ? tombstone(new FeedTombstoneKey(request.namespace(), entry.getKey())) : null;
        FeedLedger ledger = FeedLedger.of(storedLedger);
        if (ledger.applied(source, offset)) {
            return AppliedEvent.appliedBefore(ledger.pending(source, offset));
        }
        if (op == EventOp.DELETE) {
            if (stored == null) {
                return AppliedEvent.applied(0, now, "[]");
            }
            if (exactlyOnce) {
                ledger.record(source, offset, 0, now, List.of(), committed);
                return AppliedEvent.writeTombstone(Facts.toJson(ledger.value()));
            }
            written.write(entry, null);
            return AppliedEvent.applied(0, now, "[]");
        }
        FeedChange change = new FeedChange(op, payloadJson, storedFact, ledger, source, offset, committed, now,
                aggregatesJson == null ? Map.of() : Facts.parse(aggregatesJson));
        // exactly once, a fact the rules retract stays until its tombstone is written
        EvaluationOutcome outcome = FactEvaluation.evaluate(engine, request, entry, change, false,
                (fact, value) -> {
                    if (value != null || !exactlyOnce) {
                        written.write(fact, value);
                    }
                });
        if (!outcome.succeeded()) {
            String failure = outcome.failure().code() + ": " + outcome.error().getMessage();
            return exactlyOnce ? recordFailure(entry, ledger, now, failure) : AppliedEvent.failed(failure);
        }
        if (exactlyOnce && change.retracting()) {
            return AppliedEvent.writeTombstoneOfRetracted(Facts.toJson(ledger.value()), fingerprint(stored));
        }
        return AppliedEvent.applied(outcome.version(), now, outcome.outputsJson());
    }

    /**
     * Records a failed event in its fact's ledger, the fact written back as it was, or in a tombstone when there is no
     * fact; the fact's content stays as it was either way.
     */
    private AppliedEvent recordFailure(Map.Entry<String, HazelcastJsonValue> entry, FeedLedger ledger, long now,
                                       String failure) {
        ledger.recordFailure(source, offset, now, failure, committed);
        HazelcastJsonValue stored = entry.getValue();
        if (stored == null) {
            return AppliedEvent.writeTombstone(Facts.toJson(ledger.value()));
        }
        // from the stored text, which no evaluation changed: the fact without its old ledger, then the new one
        Map<String, Object> fact = Facts.parse(stored.getValue());
        fact.remove(GridNames.FEED_LEDGER_FIELD);
        written.write(entry, new HazelcastJsonValue(FeedLedger.attach(Facts.toJson(fact), ledger.value())));
        return AppliedEvent.failed(failure);
    }

    /** A 64-bit FNV-1a hash of a stored value's text, or 0 for none: tells whether the value changed. */
    private static long fingerprint(HazelcastJsonValue stored) {
        if (stored == null) {
            return 0;
        }
        String text = stored.getValue();
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return hash;
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
        out.writeString(tombstoneJson);
        out.writeLong(retractedFingerprint);
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
        tombstoneJson = in.readString();
        retractedFingerprint = in.readLong();
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
