package io.rulegrid.node.pipeline.aggregate;

import io.rulegrid.node.config.AggregateConfig;
import io.rulegrid.node.config.AggregateFunction;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A pipeline's aggregates arranged for the Jet stages: one {@link Grouping} per distinct {@code by} (one keyed
 * stage each), and within it one window state per distinct {@code (window, allowed-lateness, field)}, so that
 * aggregates over the same window share their events: {@code count} joins any window of its length and lateness,
 * since every grouped event is held in each of them.
 */
final class AggregationPlan implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The window states a group keeps: over {@code field} (an index into {@link #fields()}; -1 for none). */
    record Slot(int field, long windowMillis, long allowedLatenessMillis) implements Serializable {
    }

    /** An aggregate: its name, its function and the slot whose window it computes the function over. */
    record Member(String name, AggregateFunction function, int slot) implements Serializable {
    }

    /**
     * The aggregates grouped by one {@code by}; {@code by} {@code null} groups by the fact's key. A group's state
     * lives for {@code ttlMillis} of event time after its last event: the longest window and lateness, after which
     * no counted event can see what it holds.
     */
    record Grouping(FieldPath by, List<Slot> slots, List<Member> members, long ttlMillis) implements Serializable {
    }

    private final List<FieldPath> fields;
    private final List<Grouping> groupings;

    private AggregationPlan(List<FieldPath> fields, List<Grouping> groupings) {
        this.fields = fields;
        this.groupings = groupings;
    }

    /** The plan of a pipeline's aggregates by name; the fact-key grouping first, then by {@code by}. */
    static AggregationPlan of(Map<String, AggregateConfig> aggregates) {
        Map<String, AggregateConfig> byName = new TreeMap<>(aggregates);
        List<String> fieldTexts = new ArrayList<>(new TreeSet<>(byName.values().stream()
                .map(AggregateConfig::field).filter(Objects::nonNull).toList()));
        TreeMap<String, List<String>> namesByGrouping = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        byName.forEach((name, aggregate) -> namesByGrouping.computeIfAbsent(aggregate.by(), by -> new ArrayList<>())
                .add(name));
        List<Grouping> groupings = new ArrayList<>();
        namesByGrouping.forEach((by, names) -> {
            List<Slot> slots = new ArrayList<>();
            List<Member> members = new ArrayList<>();
            long ttl = 0;
            // counts last: they join a window of another aggregate where there is one
            List<String> ordered = new ArrayList<>(names.stream()
                    .filter(name -> byName.get(name).function() != AggregateFunction.COUNT).toList());
            ordered.addAll(names.stream().filter(name -> byName.get(name).function() == AggregateFunction.COUNT)
                    .toList());
            for (String name : ordered) {
                AggregateConfig aggregate = byName.get(name);
                int slot = slotOf(slots, aggregate, fieldTexts);
                members.add(new Member(name, aggregate.function(), slot));
                ttl = Math.max(ttl, aggregate.windowMillis() + aggregate.allowedLatenessMillis());
            }
            members.sort(Comparator.comparing(Member::name));
            groupings.add(new Grouping(by == null ? null : FieldPath.of(by), List.copyOf(slots), List.copyOf(members),
                    ttl));
        });
        return new AggregationPlan(fieldTexts.stream().map(FieldPath::of).toList(), List.copyOf(groupings));
    }

    private static int slotOf(List<Slot> slots, AggregateConfig aggregate, List<String> fieldTexts) {
        boolean count = aggregate.function() == AggregateFunction.COUNT;
        int field = count ? -1 : fieldTexts.indexOf(aggregate.field());
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (slot.windowMillis() == aggregate.windowMillis()
                    && slot.allowedLatenessMillis() == aggregate.allowedLatenessMillis()
                    && (count || slot.field() == field)) {
                return i;
            }
        }
        slots.add(new Slot(field, aggregate.windowMillis(), aggregate.allowedLatenessMillis()));
        return slots.size() - 1;
    }

    /** The distinct fields the aggregates read, whose values each event carries. */
    List<FieldPath> fields() {
        return fields;
    }

    List<Grouping> groupings() {
        return groupings;
    }
}
