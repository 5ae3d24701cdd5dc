package io.rulegrid.node.pipeline.aggregate;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Jet keyed state of the join for one fact key: the fact's events that came back from the clock, in the clock's
 * order, with the grouping parts that came back from the keyed stages (in any order). An event leaves, with the
 * aggregates of all its parts, once it has them all and every earlier event of the fact has left: so a fact's
 * events leave in the order they passed the clock, whatever route their parts took.
 *
 * <p>After a restart from a snapshot the clock numbers the events in a new epoch. Under exactly-once nothing is
 * waiting here at a snapshot (every part of an event before the snapshot's barrier is before it on every edge). Under
 * at-least-once an event may wait with some of its parts; it is read again from the source after the restart, so
 * the first event of the new epoch for the fact drops what waits from the old one.
 *
 * @param <E> the type of the events
 */
final class PendingEvents<E> implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private long epoch;
    /** The fact's events whose parts are not all in yet, in the clock's order. */
    private final ArrayDeque<Sampled<E>> events = new ArrayDeque<>();
    /** The parts in so far, by the sequence of their event, by grouping. */
    private final Map<Long, TreeMap<Integer, Map<String, Object>>> parts = new HashMap<>();

    /**
     * Takes in an event or one of its parts.
     *
     * @return the events that may leave now, in order, with their aggregates; usually none or one
     */
    List<Aggregated<E>> accept(Sampled<E> arrived) {
        if (arrived.epoch() != epoch) {
            events.clear();
            parts.clear();
            epoch = arrived.epoch();
        }
        if (arrived.part() == Sampled.EVENT) {
            events.add(arrived);
        } else {
            parts.computeIfAbsent(arrived.sequence(), sequence -> new TreeMap<>())
                    .put(arrived.part(), arrived.results());
        }
        List<Aggregated<E>> leaving = List.of();
        while (!events.isEmpty() && complete(events.peekFirst())) {
            Sampled<E> event = events.pollFirst();
            TreeMap<Integer, Map<String, Object>> itsParts = parts.remove(event.sequence());
            Map<String, Object> results = new LinkedHashMap<>();
            if (itsParts != null) {
                itsParts.values().forEach(results::putAll);
            }
            if (leaving.isEmpty()) {
                leaving = new ArrayList<>(1);
            }
            leaving.add(new Aggregated<>(event.item(), Collections.unmodifiableMap(results)));
        }
        return leaving;
    }

    private boolean complete(Sampled<E> event) {
        TreeMap<Integer, Map<String, Object>> itsParts = parts.get(event.sequence());
        return (itsParts == null ? 0 : itsParts.size()) == event.partCount();
    }

    /** Whether nothing waits here. */
    boolean isEmpty() {
        return events.isEmpty() && parts.isEmpty();
    }
}
