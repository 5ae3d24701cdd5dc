package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.grid.FactNotFoundException;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.EvaluationRequest;

import java.util.Map;

/**
 * A feed's upsert or patch of one fact: the rules see the event's fact (or the stored fact with the patch merged),
 * and the stored value records the event in the fact's {@link FeedLedger}, with what it emitted.
 */
final class FeedChange implements FactChange {

    private final EventOp op;
    private final String payloadJson;
    private final Map<String, Object> storedFact;
    private final FeedLedger ledger;
    private final String source;
    private final long offset;
    private final long committed;
    private final long timestamp;
    private final Map<String, Object> aggregates;
    private boolean retracting;

    /**
     * @param storedFact the stored fact, ledger taken out, or {@code null} when there is none
     * @param ledger     the stored fact's ledger
     * @param source     the event's source partition, {@code topic/partition}; {@code null} to record nothing (at
     *                   least once: the ledger is kept as it is)
     * @param committed  the offset of {@code source} up to which the pipeline committed its decisions, or -1
     * @param timestamp  when the event is applied, recorded with its decisions
     * @param aggregates the pipeline's windowed aggregates at the event, read by the rules as {@code agg.NAME}
     */
    FeedChange(EventOp op, String payloadJson, Map<String, Object> storedFact, FeedLedger ledger, String source,
               long offset, long committed, long timestamp, Map<String, Object> aggregates) {
        if (op == EventOp.DELETE) {
            throw new IllegalArgumentException("a delete evaluates nothing");
        }
        this.op = op;
        this.payloadJson = payloadJson;
        this.storedFact = storedFact;
        this.ledger = ledger;
        this.source = source;
        this.offset = offset;
        this.committed = committed;
        this.timestamp = timestamp;
        this.aggregates = aggregates;
    }

    @Override
    public Map<String, Object> aggregates() {
        return aggregates;
    }

    @Override
    public Map<String, Object> fact(EvaluationRequest request, Map.Entry<String, HazelcastJsonValue> entry) {
        Map<String, Object> given = Facts.parse(payloadJson);
        given.remove(GridNames.FEED_LEDGER_FIELD);
        if (op == EventOp.UPSERT) {
            return given;
        }
        if (storedFact == null) {
            throw new FactNotFoundException(request.namespace(), request.ruleset(), entry.getKey());
        }
        return JsonMergePatch.apply(storedFact, given);
    }

    @Override
    public boolean storesUnchanged() {
        return true;
    }

    @Override
    public String stored(String factJson, EvaluationResult result, int version) {
        record(result, version);
        return FeedLedger.attach(factJson, ledger.value());
    }

    /** Records the event and its decisions in the ledger, which then becomes the fact's tombstone. */
    @Override
    public void retracted(EvaluationResult result, int version) {
        record(result, version);
        retracting = true;
    }

    /** Whether the rules retracted the fact: exactly once, it is removed only once its tombstone is written. */
    boolean retracting() {
        return retracting;
    }

    private void record(EvaluationResult result, int version) {
        if (source != null) {
            ledger.record(source, offset, version, timestamp, EvaluationOutcome.outputFields(result.outputs()),
                    committed);
        }
    }

    @Override
    public String unchanged(Map<String, Object> fact) {
        throw new IllegalStateException("an event's fact is always stored");
    }
}
