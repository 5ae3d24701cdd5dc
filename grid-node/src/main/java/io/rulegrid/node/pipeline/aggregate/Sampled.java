package io.rulegrid.node.pipeline.aggregate;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * An event on its way through the aggregate stages: what they need of it, read once when it enters (its groups and
 * field values, so that its fact is parsed once), its place in the pipeline's clock, and the aggregates computed so
 * far.
 *
 * <p>From the clock on, each event travels as several of these: the event itself ({@link #part()} {@code -1}, with
 * the item), and one part per grouping it has a group in (without the item), which that grouping's keyed stage fills
 * with the grouping's aggregates. The join puts them back together by the event's {@link #epoch()} and
 * {@link #sequence()}.
 *
 * @param <E> the type of the events
 */
final class Sampled<E> implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The {@link #part()} of the event itself, as opposed to one of its grouping parts. */
    static final int EVENT = -1;

    /** The event; {@code null} in a grouping part. */
    private final E item;
    private final long eventTime;
    private final long clock;
    private final long epoch;
    private final long sequence;
    private final String factKey;
    /** Per grouping of the plan: the event's group, or {@code null} when it is not counted there. */
    private final String[] groups;
    /** Per field of the plan: the event's number, or {@code null} when the field holds none. */
    private final Number[] values;
    private final int part;
    private final Map<String, Object> results;

    private Sampled(E item, long eventTime, long clock, long epoch, long sequence, String factKey, String[] groups,
                    Number[] values, int part, Map<String, Object> results) {
        this.item = item;
        this.eventTime = eventTime;
        this.clock = clock;
        this.epoch = epoch;
        this.sequence = sequence;
        this.factKey = factKey;
        this.groups = groups;
        this.values = values;
        this.part = part;
        this.results = results;
    }

    /** An event as it enters the stages, before the clock. */
    static <E> Sampled<E> of(E item, long eventTime, String factKey, String[] groups, Number[] values) {
        return new Sampled<>(item, eventTime, Long.MIN_VALUE, 0, 0, factKey, groups, values, EVENT, Map.of());
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

    /** The run of the clock that numbered the event: a new one after each (re)start of the job. */
    long epoch() {
        return epoch;
    }

    /** The event's number in the clock's order, within its {@link #epoch()}. */
    long sequence() {
        return sequence;
    }

    /** Where the event and its parts are joined: its fact's key ({@code ""} for none), so a fact keeps its order. */
    String joinKey() {
        return factKey == null ? "" : factKey;
    }

    String group(int grouping) {
        return groups[grouping];
    }

    /** How many grouping parts the event has: one per grouping where it has a group. */
    int partCount() {
        int count = 0;
        for (String group : groups) {
            if (group != null) {
                count++;
            }
        }
        return count;
    }

    /** {@link #EVENT} for the event itself, or the index of the grouping whose part this is. */
    int part() {
        return part;
    }

    Number value(int field) {
        return field < 0 ? null : values[field];
    }

    Map<String, Object> results() {
        return results;
    }

    Sampled<E> withClock(long newClock, long newEpoch, long newSequence) {
        return new Sampled<>(item, eventTime, newClock, newEpoch, newSequence, factKey, groups, values, part, results);
    }

    /** The part of the event for a grouping it has a group in: without the item and without results. */
    Sampled<E> partFor(int grouping) {
        return new Sampled<>(null, eventTime, clock, epoch, sequence, factKey, groups, values, grouping, Map.of());
    }

    Sampled<E> withResults(Map<String, Object> newResults) {
        return new Sampled<>(item, eventTime, clock, epoch, sequence, factKey, groups, values, part, newResults);
    }
}
