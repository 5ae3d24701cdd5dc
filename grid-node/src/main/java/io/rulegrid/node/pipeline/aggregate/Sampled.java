package io.rulegrid.node.pipeline.aggregate;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * An event on its way through the aggregate stages: what they need of it, read once when it enters (its groups and
 * field values, so that its fact is parsed once), the clock, and the aggregates computed so far.
 *
 * @param <E> the type of the events
 */
final class Sampled<E> implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final E item;
    private final long eventTime;
    private final long clock;
    private final String factKey;
    /** Per grouping of the plan: the event's group, or {@code null} when it is not counted there. */
    private final String[] groups;
    /** Per field of the plan: the event's number, or {@code null} when the field holds none. */
    private final Number[] values;
    private final Map<String, Object> results;

    Sampled(E item, long eventTime, long clock, String factKey, String[] groups, Number[] values,
            Map<String, Object> results) {
        this.item = item;
        this.eventTime = eventTime;
        this.clock = clock;
        this.factKey = factKey;
        this.groups = groups;
        this.values = values;
        this.results = results;
    }

    E item() {
        return item;
    }

    long eventTime() {
        return eventTime;
    }

    /** The pipeline's clock when the event passed it: its Jet timestamp. */
    long clock() {
        return clock;
    }

    String group(int grouping) {
        return groups[grouping];
    }

    /**
     * Where the event goes in a grouping's keyed stage: its group, or, when it has none there, its fact's key, so
     * that events of one fact keep their order (the state found there is left alone).
     */
    String route(int grouping) {
        String group = groups[grouping];
        return group != null ? group : factKey == null ? "" : factKey;
    }

    Number value(int field) {
        return field < 0 ? null : values[field];
    }

    Map<String, Object> results() {
        return results;
    }

    Sampled<E> withClock(long newClock) {
        return new Sampled<>(item, eventTime, newClock, factKey, groups, values, results);
    }

    Sampled<E> withResults(Map<String, Object> newResults) {
        return new Sampled<>(item, eventTime, clock, factKey, groups, values, newResults);
    }
}
