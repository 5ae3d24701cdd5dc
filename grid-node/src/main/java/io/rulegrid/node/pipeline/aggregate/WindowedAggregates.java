package io.rulegrid.node.pipeline.aggregate;

import com.hazelcast.function.BiFunctionEx;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.jet.Traverser;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.function.TriFunction;
import com.hazelcast.jet.pipeline.StreamStage;
import io.rulegrid.api.Facts;
import io.rulegrid.node.config.AggregateConfig;

import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jet stages that give each event of a stream the values of a pipeline's windowed aggregates
 * ({@code docs/pipelines.md}, "Windowed aggregates"):
 * <pre>
 * events → sample (reads each event's fact once) → clock (one processor in the cluster) → add timestamps, then
 *   ├─ the event itself ──────────────────────────────────────────────────────────────────┐
 *   ├─ its part for the 1st distinct by → grouped by it: keyed state with a time-to-live ─┤→ merge
 *   └─ its part for the 2nd distinct by → grouped by it: keyed state with a time-to-live ─┘→ merge → join by fact key
 *                                                                                             → {@link Aggregated}
 * </pre>
 *
 * <p>Order. Events are counted in the order they pass the clock. For the events of a Kafka partition that is their
 * order there when the pipeline preserves order ({@code Pipeline.setPreserveOrder(true)}): otherwise Jet spreads the
 * events of one source processor over the processors of the next stage, and they may overtake each other before the
 * clock. From the clock on, the stages keep that order themselves, whatever the pipeline's setting:
 * <ul>
 * <li>Every grouping's keyed stage is fed straight from the clock: one processor in the cluster, through a
 * one-processor-per-member stage, so each group gets its events in the clock's order. The groupings are not chained:
 * a second keyed stage fed by the processors of a first one keyed otherwise would get two events of one group from two
 * processors, in either order, and one of them would miss the other in its window.</li>
 * <li>The keyed stages send their parts of an event, with the grouping's aggregates, to a join keyed by the event's
 * fact key, where the event itself arrives too, straight from the clock and so in order among the fact's events. The
 * join lets an event go once all its parts are in and every earlier event of the fact has gone
 * ({@link PendingEvents}): a fact's events leave in order, also when the value of a {@code by} changes between them.
 * Events of different facts may leave in either order.</li>
 * </ul>
 *
 * <p>Why a clock. Jet evicts idle keyed state only by watermark ({@code mapStateful} with a time-to-live), and such
 * a stage drops every event behind the watermark, which a fact pipeline must never do (it would not be applied).
 * So the stages do not use the event times as Jet timestamps: one processor stamps each event with the highest
 * event time seen so far, which never goes back. A watermark past an event's stamp leaves add-timestamps only after
 * the event, and every later stage passes items and watermarks on in the order it got them from each input, so no
 * event is ever behind the watermark, in any stage, also after a restart from an exactly-once snapshot. The windows
 * themselves use each event's own time ({@link WindowState}). A group's state is evicted once the clock has passed its
 * last event by the grouping's longest {@code window + allowed-lateness}: then no event that is at most
 * {@code allowed-lateness} behind the clock can see anything it held, so eviction changes no such event's values; an
 * event further behind the whole feed than that may find its group forgotten. A fact's join state is evicted once the
 * watermark has passed its last event, when all parts of the fact's events are in (the watermark reaches the join
 * on every input only after the parts before it). The price is that every event passes through that one processor
 * (on one member); it does no more than compare two longs and count.
 *
 * <p>Everything shipped with the job is an io.rulegrid or Hazelcast class: members load no uploaded code.
 */
public final class WindowedAggregates {

    /** The join's time-to-live: a fact's join state goes once the watermark has passed its last event. */
    static final long JOIN_TTL_MILLIS = 1;

    private WindowedAggregates() {
    }

    /**
     * Attaches the aggregate stages to a stream of events.
     *
     * @param events     the events, without Jet timestamps ({@code withoutTimestamps()} at the source): these
     *                   stages assign their own
     * @param aggregates the aggregates by name, as {@code rulegrid.yaml} declares them; none gives every event an
     *                   empty map, with no stage that holds state
     * @param accessors  how to read an event's time, fact key and fact
     * @param <E>        the type of the events; serializable, as it travels between members
     * @return each event with its aggregates, in a stage with Jet timestamps (the clock); the events of one fact in the
     *         order they reached the stages
     * @throws IllegalArgumentException if {@code events} has timestamps already
     */
    public static <E> StreamStage<Aggregated<E>> aggregate(StreamStage<E> events,
                                                          Map<String, AggregateConfig> aggregates,
                                                          EventAccessors<E> accessors) {
        if (aggregates.isEmpty()) {
            return events.map(new WithoutAggregates<>()).setName("aggregates-none");
        }
        AggregationPlan plan = AggregationPlan.of(aggregates);
        StreamStage<Sampled<E>> sampled = events.map(new Sample<>(plan, accessors)).setName("aggregates-sample")
                .mapStateful(EventClock::new, new Tick<E>()).setName("aggregates-clock");
        StreamStage<Sampled<E>> stamped;
        try {
            stamped = sampled.addTimestamps(Sampled::clock, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the events must have no Jet timestamps (withoutTimestamps()): the"
                    + " aggregate stages stamp them with their own clock", e);
        }
        // the clock runs on one processor and add-timestamps next to it: one processor per member (not more, so that
        // the events stay in the clock's order without preserveOrder too) takes each grouping's parts to its keyed
        // stage, and the merges take everything to the join
        StreamStage<Sampled<E>> joined = stamped;
        List<AggregationPlan.Grouping> groupings = plan.groupings();
        for (int index = 0; index < groupings.size(); index++) {
            AggregationPlan.Grouping grouping = groupings.get(index);
            String name = "aggregates-by-" + (grouping.by() == null ? "fact-key" : grouping.by());
            StreamStage<Sampled<E>> parts = stamped.map(new PartFor<E>(index)).setName(name + "-parts")
                    .setLocalParallelism(1)
                    .groupingKey(new Route<E>(index))
                    .mapStateful(grouping.ttlMillis(), GroupWindows::new, new Apply<E>(index, grouping),
                            new NothingOnEviction<E>())
                    .setName(name);
            joined = joined.merge(parts).setName("aggregates-merge-" + index).setLocalParallelism(1);
        }
        return joined.groupingKey(new JoinKey<E>())
                .flatMapStateful(JOIN_TTL_MILLIS, PendingEvents<E>::new, new Join<E>(), new NothingOnJoinEviction<E>())
                .setName("aggregates-join");
    }

    /** Reads what the stages need of an event: its time, fact key, groups and field values. */
    static final class Sample<E> implements FunctionEx<E, Sampled<E>> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final AggregationPlan plan;
        private final EventAccessors<E> accessors;

        Sample(AggregationPlan plan, EventAccessors<E> accessors) {
            this.plan = plan;
            this.accessors = accessors;
        }

        @Override
        public Sampled<E> applyEx(E item) {
            long eventTime = accessors.eventTime().applyAsLong(item);
            String factKey = accessors.factKey().apply(item);
            Map<String, Object> fact = fact(item);
            List<AggregationPlan.Grouping> groupings = plan.groupings();
            String[] groups = new String[groupings.size()];
            List<FieldPath> fields = plan.fields();
            Number[] values = new Number[fields.size()];
            if (fact != null) {
                for (int i = 0; i < groups.length; i++) {
                    FieldPath by = groupings.get(i).by();
                    groups[i] = by == null ? factKey : group(by.read(fact));
                }
                for (int i = 0; i < values.length; i++) {
                    values[i] = AggregateNumbers.numeric(fields.get(i).read(fact));
                }
            }
            return Sampled.of(item, eventTime, factKey, groups, values);
        }

        private Map<String, Object> fact(E item) {
            try {
                return accessors.fact().apply(item);
            } catch (RuntimeException unreadable) {
                // counted nowhere; whatever applies the event reports what is wrong with it
                return null;
            }
        }

        /** The group of a {@code by} value: its JSON text, so that 42, 42.0 and "42" are three groups. */
        private static String group(Object value) {
            if (value == null) {
                return null;
            }
            try {
                return Facts.toJson(value);
            } catch (RuntimeException notJson) {
                return null;
            }
        }
    }

    /** Stamps each event with the pipeline's clock and numbers it. */
    static final class Tick<E> implements BiFunctionEx<EventClock, Sampled<E>, Sampled<E>> {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Sampled<E> applyEx(EventClock clock, Sampled<E> event) {
            return event.withClock(clock.advance(event.eventTime()), clock.epoch(), clock.nextSequence());
        }
    }

    /** An event's part for one grouping, or none when it has no group there (it counts in none of its aggregates). */
    static final class PartFor<E> implements FunctionEx<Sampled<E>, Sampled<E>> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final int grouping;

        PartFor(int grouping) {
            this.grouping = grouping;
        }

        @Override
        public Sampled<E> applyEx(Sampled<E> event) {
            return event.group(grouping) == null ? null : event.partFor(grouping);
        }
    }

    /** The key of a part in its grouping's stage: its group. */
    static final class Route<E> implements FunctionEx<Sampled<E>, String> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final int grouping;

        Route(int grouping) {
            this.grouping = grouping;
        }

        @Override
        public String applyEx(Sampled<E> event) {
            return event.group(grouping);
        }
    }

    /** Adds the part's event to its group's windows and records the grouping's aggregates over them in the part. */
    static final class Apply<E> implements TriFunction<GroupWindows, String, Sampled<E>, Sampled<E>> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final int index;
        private final AggregationPlan.Grouping grouping;

        Apply(int index, AggregationPlan.Grouping grouping) {
            this.index = index;
            this.grouping = grouping;
        }

        @Override
        public Sampled<E> applyEx(GroupWindows state, String key, Sampled<E> event) {
            List<AggregationPlan.Slot> slots = grouping.slots();
            WindowView[] views = new WindowView[slots.size()];
            for (int slot = 0; slot < views.length; slot++) {
                AggregationPlan.Slot spec = slots.get(slot);
                views[slot] = state.window(slot, spec, views.length).add(event.eventTime(), event.value(spec.field()));
            }
            Map<String, Object> results = new LinkedHashMap<>();
            for (AggregationPlan.Member member : grouping.members()) {
                results.put(member.name(), views[member.slot()].value(member.function()));
            }
            return event.withResults(results);
        }
    }

    /** An evicted group emits nothing: it only frees its memory. */
    static final class NothingOnEviction<E> implements TriFunction<GroupWindows, String, Long, Sampled<E>> {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Sampled<E> applyEx(GroupWindows state, String key, Long watermark) {
            return null;
        }
    }

    /** The key of an event and its parts in the join: the event's fact key. */
    static final class JoinKey<E> implements FunctionEx<Sampled<E>, String> {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public String applyEx(Sampled<E> event) {
            return event.joinKey();
        }
    }

    /** Puts each event together with its parts and lets the fact's complete events go, in order. */
    static final class Join<E>
            implements TriFunction<PendingEvents<E>, String, Sampled<E>, Traverser<Aggregated<E>>> {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Traverser<Aggregated<E>> applyEx(PendingEvents<E> state, String key, Sampled<E> arrived) {
            List<Aggregated<E>> leaving = state.accept(arrived);
            return leaving.isEmpty() ? Traversers.empty() : Traversers.traverseIterable(leaving);
        }
    }

    /**
     * A fact's join state is evicted only once the watermark has passed all its events, when nothing can wait in it
     * but what an at-least-once restart left behind (read again from the source): it emits nothing.
     */
    static final class NothingOnJoinEviction<E>
            implements TriFunction<PendingEvents<E>, String, Long, Traverser<Aggregated<E>>> {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Traverser<Aggregated<E>> applyEx(PendingEvents<E> state, String key, Long watermark) {
            return Traversers.empty();
        }
    }

    /** A pipeline without aggregates: each event with none. */
    static final class WithoutAggregates<E> implements FunctionEx<E, Aggregated<E>> {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Aggregated<E> applyEx(E item) {
            return new Aggregated<>(item, Map.of());
        }
    }
}
