package io.rulegrid.node.pipeline.aggregate;

import io.rulegrid.api.Facts;
import io.rulegrid.node.config.AggregateConfig;
import io.rulegrid.node.config.AggregateFunction;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions of the aggregate stages, run by hand in the order Jet runs them: what an event carries, where it is
 * routed, what it gets. (WindowedAggregatesJetTest runs them in Jet.)
 */
class AggregateStagesTest {

    /** An event of a test feed: a fact key, a time and the fact as JSON, or {@code null} for a delete. */
    record Event(String key, long time, String factJson) implements Serializable {
    }

    private static final EventAccessors<Event> ACCESSORS = new EventAccessors<>(Event::time, Event::key,
            event -> event.factJson() == null ? null : Facts.parse(event.factJson()));

    private static final Map<String, AggregateConfig> AGGREGATES = Map.of(
            "orders", new AggregateConfig(AggregateFunction.COUNT, null, Duration.ofMinutes(10), "customer",
                    Duration.ZERO),
            "spent", new AggregateConfig(AggregateFunction.SUM, "order.total", Duration.ofMinutes(10), "customer",
                    Duration.ZERO),
            "perFact", new AggregateConfig(AggregateFunction.COUNT, null, Duration.ofMinutes(10), null, Duration.ZERO));

    private final AggregationPlan plan = AggregationPlan.of(AGGREGATES);
    private final WindowedAggregates.Sample<Event> sample = new WindowedAggregates.Sample<>(plan, ACCESSORS);
    private final EventClock clock = new EventClock();
    /** The keyed state of each grouping, by group, as Jet would keep it. */
    private final List<Map<String, GroupWindows>> states = List.of(new HashMap<>(), new HashMap<>());
    /** The join's keyed state, by fact key. */
    private final Map<String, PendingEvents<Event>> joins = new HashMap<>();

    private Map<String, Object> run(Event event) {
        Sampled<Event> stamped = new WindowedAggregates.Tick<Event>().applyEx(clock, sample.applyEx(event));
        PendingEvents<Event> join = joins.computeIfAbsent(new WindowedAggregates.JoinKey<Event>().applyEx(stamped),
                key -> new PendingEvents<>());
        List<Aggregated<Event>> left = new ArrayList<>();
        // the parts reach the join before the event itself, the last grouping's first: it takes them in any order
        for (int index = plan.groupings().size() - 1; index >= 0; index--) {
            Sampled<Event> part = new WindowedAggregates.PartFor<Event>(index).applyEx(stamped);
            if (part == null) {
                continue;
            }
            String group = new WindowedAggregates.Route<Event>(index).applyEx(part);
            GroupWindows state = states.get(index).computeIfAbsent(group, route -> new GroupWindows());
            left.addAll(join.accept(new WindowedAggregates.Apply<Event>(index, plan.groupings().get(index))
                    .applyEx(state, group, part)));
        }
        assertThat(left).as("an event leaves the join with the event itself, not before").isEmpty();
        left.addAll(join.accept(stamped));
        assertThat(left).extracting(Aggregated::item).containsExactly(event);
        assertThat(join.isEmpty()).isTrue();
        return left.get(0).aggregates();
    }

    @Test
    void eventsOfOneCustomerAreCountedAndSummedTogetherAndEachFactOnItsOwn() {
        run(new Event("o-1", 0, "{\"customer\":\"c-1\",\"order\":{\"total\":10}}"));
        run(new Event("o-2", 60_000, "{\"customer\":\"c-2\",\"order\":{\"total\":5}}"));

        assertThat(run(new Event("o-1", 120_000, "{\"customer\":\"c-1\",\"order\":{\"total\":2.5}}")))
                .isEqualTo(Map.of("orders", 2L, "spent", 12.5, "perFact", 2L));
    }

    @Test
    void anEventWithoutTheByFieldGetsNoneOfItsAggregatesAndADeleteGetsNone() {
        run(new Event("o-1", 0, "{\"customer\":\"c-1\",\"order\":{\"total\":10}}"));

        assertThat(run(new Event("o-1", 1_000, "{\"order\":{\"total\":10}}"))).isEqualTo(Map.of("perFact", 2L));
        assertThat(run(new Event("o-1", 2_000, null))).isEmpty();
        assertThat(run(new Event("o-1", 3_000, "not json"))).as("an unreadable fact counts as none").isEmpty();
    }

    @Test
    void anEventWithoutANumberInTheFieldCountsButHasNoSum() {
        Map<String, Object> aggregates = run(new Event("o-1", 0, "{\"customer\":\"c-1\",\"order\":{\"total\":\"ten\"}}"));

        Map<String, Object> expected = new HashMap<>();
        expected.put("orders", 1L);
        expected.put("spent", null);
        expected.put("perFact", 1L);
        assertThat(aggregates).isEqualTo(expected);
    }

    @Test
    void groupsAreTheJsonTextOfTheByValueSoANumberAndItsTextAreTwoGroups() {
        run(new Event("o-1", 0, "{\"customer\":42,\"order\":{\"total\":1}}"));

        assertThat(run(new Event("o-2", 1, "{\"customer\":\"42\",\"order\":{\"total\":1}}"))).containsEntry("orders", 1L);
        assertThat(run(new Event("o-3", 2, "{\"customer\":42,\"order\":{\"total\":1}}"))).containsEntry("orders", 2L);
    }

    @Test
    void anEventHasAPartForEachGroupingItHasAGroupInRoutedByThatGroupWithoutTheItem() {
        Sampled<Event> withoutCustomer = sample.applyEx(new Event("o-7", 0, "{\"order\":{\"total\":1}}"));
        Sampled<Event> withCustomer = sample.applyEx(new Event("o-7", 0, "{\"customer\":\"c-1\"}"));
        Sampled<Event> delete = sample.applyEx(new Event("o-7", 0, null));

        assertThat(new WindowedAggregates.PartFor<Event>(1).applyEx(withoutCustomer)).isNull();
        assertThat(withoutCustomer.partCount()).isEqualTo(1);
        Sampled<Event> customerPart = new WindowedAggregates.PartFor<Event>(1).applyEx(withCustomer);
        assertThat(new WindowedAggregates.Route<Event>(1).applyEx(customerPart)).isEqualTo("\"c-1\"");
        assertThat(customerPart.item()).isNull();
        assertThat(customerPart.part()).isEqualTo(1);
        Sampled<Event> factPart = new WindowedAggregates.PartFor<Event>(0).applyEx(withCustomer);
        assertThat(new WindowedAggregates.Route<Event>(0).applyEx(factPart)).isEqualTo("o-7");
        assertThat(withCustomer.partCount()).isEqualTo(2);
        assertThat(delete.partCount()).isZero();
        assertThat(new WindowedAggregates.JoinKey<Event>().applyEx(delete)).isEqualTo("o-7");
    }

    @Test
    void theClockNumbersTheEventsInOneEpoch() {
        WindowedAggregates.Tick<Event> tick = new WindowedAggregates.Tick<>();

        Sampled<Event> first = tick.applyEx(clock, sample.applyEx(new Event("a", 5_000, "{}")));
        Sampled<Event> second = tick.applyEx(clock, sample.applyEx(new Event("b", 1_000, "{}")));

        assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
        assertThat(second.epoch()).isEqualTo(first.epoch()).isNotZero();
    }

    @Test
    void theClockIsTheHighestEventTimeSoFarAndNeverGoesBack() {
        WindowedAggregates.Tick<Event> tick = new WindowedAggregates.Tick<>();

        assertThat(tick.applyEx(clock, sample.applyEx(new Event("a", 5_000, "{}"))).clock()).isEqualTo(5_000);
        assertThat(tick.applyEx(clock, sample.applyEx(new Event("a", 1_000, "{}"))).clock()).isEqualTo(5_000);
        assertThat(tick.applyEx(clock, sample.applyEx(new Event("a", 7_000, "{}"))).clock()).isEqualTo(7_000);
    }

    @Test
    void numbersOfOtherJavaTypesAreTakenAsJsonNumbersAndNonFiniteOnesAsNone() {
        assertThat(AggregateNumbers.numeric(3)).isEqualTo(3L);
        assertThat(AggregateNumbers.numeric(1.5f)).isEqualTo(1.5);
        assertThat(AggregateNumbers.numeric(BigInteger.TEN)).isEqualTo(new java.math.BigDecimal(10));
        assertThat(AggregateNumbers.numeric(Double.POSITIVE_INFINITY)).isNull();
        assertThat(AggregateNumbers.numeric("3")).isNull();
        assertThat(AggregateNumbers.numeric(true)).isNull();
    }
}
