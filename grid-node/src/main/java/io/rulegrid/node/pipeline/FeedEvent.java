package io.rulegrid.node.pipeline;

import io.rulegrid.api.Facts;
import io.rulegrid.node.internal.execution.EventOp;

import java.io.Serializable;
import java.util.Map;

/**
 * An event of a feed, parsed: either an operation on one fact, or refused with the reason it cannot be applied
 * (then it goes to the dead-letter topic).
 *
 * @param origin    the Kafka record it came from
 * @param eventId   the event's {@code id}, or {@code null} when it has none
 * @param namespace the fact's namespace ({@code null} when refused)
 * @param key       the fact's key ({@code null} when refused)
 * @param op        the operation ({@code null} when refused)
 * @param factJson  the fact to upsert or the patch to merge, as a JSON object; {@code null} for a delete
 * @param refusal   why the event cannot be applied; {@code null} for an operation
 * @param aggregatesJson the pipeline's windowed aggregates at this event, a JSON object; {@code null} for none
 */
public record FeedEvent(SourceRecord origin, String eventId, String namespace, String key, EventOp op,
                        String factJson, String refusal, String aggregatesJson) implements Serializable {

    private static final long serialVersionUID = 1L;

    static FeedEvent operation(SourceRecord origin, String eventId, String namespace, String key, EventOp op,
                               String factJson) {
        return new FeedEvent(origin, eventId, namespace, key, op, factJson, null, null);
    }

    static FeedEvent refused(SourceRecord origin, String refusal) {
        return new FeedEvent(origin, null, null, null, null, null, refusal, null);
    }

    /** The event with the values of the pipeline's windowed aggregates at it ({@code agg.NAME} in the rules). */
    FeedEvent withAggregates(Map<String, Object> aggregates) {
        return new FeedEvent(origin, eventId, namespace, key, op, factJson, refusal,
                aggregates.isEmpty() ? null : Facts.toJson(aggregates));
    }

    /** The event's time, the Kafka record's timestamp: the time of windowed aggregates. */
    long eventTime() {
        return origin.timestamp();
    }

    /** The fact an upsert brings or the patch, as JSON values; {@code null} for a delete or a refused event. */
    Map<String, Object> factOrPatch() {
        return factJson == null ? null : Facts.parse(factJson);
    }

    public boolean isRefused() {
        return refusal != null;
    }

    /** The source partition of the event, {@code topic/partition}: the ledger of a fact is kept per source. */
    public String source() {
        return origin.source();
    }

    /**
     * What orders the pipeline's work: events of one fact are applied one after the other, in their order on the
     * topic. It is the fact's key as the grid partitions it, so Jet hands the event to the member that owned the fact's
     * partition when the job started, and the grid operation that applies it runs there without a network hop. A
     * refused event only needs to reach the dead-letter topic, so its record's coordinates will do.
     */
    public String orderingKey() {
        return isRefused() ? origin.topic() + "/" + origin.partition() + "/" + origin.offset() : key;
    }
}
