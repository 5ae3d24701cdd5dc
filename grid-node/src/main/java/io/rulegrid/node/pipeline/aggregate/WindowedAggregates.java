package io.rulegrid.node.pipeline.aggregate;

import com.hazelcast.function.BiFunctionEx;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.jet.function.TriFunction;
import com.hazelcast.jet.pipeline.StreamStage;
import io.rulegrid.api.Facts;
import io.rulegrid.node.config.AggregateConfig;

import java.io.Serial;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jet stages that give each event of a stream the values of a pipeline's windowed aggregates
 * ({@code docs/pipelines.md}, "Windowed aggregates"):
 * <pre>
 * events → sample (reads each event's fact once) → clock (one processor in the cluster) → add timestamps
 *        → per distinct {@code by}: group by it, keyed state with a time-to-live → {@link Aggregated}
 * </pre>
 *
 * <p>Why a clock. Jet evicts idle keyed state only by watermark ({@code mapStateful} with a time-to-live), and such
 * a stage drops every event behind the watermark, which a fact pipeline must never do (it would not be applied).
 * So the stages do not use the event times as Jet timestamps: one processor stamps each event with the highest
 * event time seen so far, which never goes back, so no event is ever behind a watermark, in any stage, also after a
 * restart from a snapshot. The windows themselves use each event's own time ({@link WindowState}). A group's state
 * is evicted once the clock has passed its last event by the grouping's longest {@code window + allowed-lateness}:
 * then no event that is at most {@code allowed-lateness} behind the clock can see anything it held, so eviction
 * changes no such event's values; an event further behind the whole feed than that may find its group forgotten.
 * The price is that every event passes through that one processor (on one member); it does no more than compare
 * two longs.
 *
 * <p>Order. Events are counted in the order they reach the stages. For that to be the order of a Kafka partition,
 * the pipeline must preserve order ({@code Pipeline.setPreserveOrder(true)}): otherwise Jet spreads the events of one
 * source processor over the processors of the next stage, and they may overtake each other. Events of one fact keep
 * their order through the stages as long as the value of each {@code by} stays the same for the fact (and always
 * without {@code by}): two events of a fact in different groups are handled by different processors and may leave in
 * either order.
 *
 * <p>Everything shipped with the job is an io.rulegrid or Hazelcast class: members load no uploaded code.
 */
public final class WindowedAggregates {

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
     * @return each event with its aggregates, in a stage with Jet timestamps (the clock)
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
        List<AggregationPlan.Grouping> groupings = plan.groupings();
        for (int index = 0; index < groupings.size(); index++) {
            AggregationPlan.Grouping grouping = groupings.get(index);
            stamped = stamped.groupingKey(new Route<E>(index))
                    .mapStateful(grouping.ttlMillis(), GroupWindows::new, new Apply<E>(index, grouping),
                            new NothingOnEviction<E>())
                    .setName("aggregates-by-" + (grouping.by() == null ? "fact-key" : grouping.by()));
        }
        return stamped.map(new Result<>()).setName("aggregates-result");
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
            return new Sampled<>(item, eventTime, Long.MIN_VALUE, factKey, groups, values, Map.of());
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

    /** Stamps each event with the pipeline's clock. */
    static final class Tick<E> implements BiFunctionEx<EventClock, Sampled<E>, Sampled<E>> {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Sampled<E> applyEx(EventClock clock, Sampled<E> event) {
            return event.withClock(clock.advance(event.eventTime()));
        }
    }

    /** The key of an event in one grouping's stage. */
    static final class Route<E> implements FunctionEx<Sampled<E>, String> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final int grouping;

        Route(int grouping) {
            this.grouping = grouping;
        }

        @Override
        public String applyEx(Sampled<E> event) {
            return event.route(grouping);
        }
    }

    /** Adds the event to its group's windows and records the grouping's aggregates over them. */
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
            if (event.group(index) == null) {
                return event;
            }
            List<AggregationPlan.Slot> slots = grouping.slots();
            WindowView[] views = new WindowView[slots.size()];
            for (int slot = 0; slot < views.length; slot++) {
                AggregationPlan.Slot spec = slots.get(slot);
                views[slot] = state.window(slot, spec, views.length).add(event.eventTime(), event.value(spec.field()));
            }
            Map<String, Object> results = new LinkedHashMap<>(event.results());
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

    /** The event and its aggregates, as the stages hand them on. */
    static final class Result<E> implements FunctionEx<Sampled<E>, Aggregated<E>> {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Aggregated<E> applyEx(Sampled<E> event) {
            return new Aggregated<>(event.item(), Collections.unmodifiableMap(new LinkedHashMap<>(event.results())));
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
