package io.rulegrid.node.pipeline.aggregate;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join of the aggregate stages: an event leaves with all its parts, and a fact's events leave in the clock's
 * order whatever order their parts come back in.
 */
class PendingEventsTest {

    private final EventClock clock = new EventClock();
    private final WindowedAggregates.Tick<String> tick = new WindowedAggregates.Tick<>();
    private final PendingEvents<String> join = new PendingEvents<>();

    /** An event of fact {@code f} through the clock, with a group in the groupings given (of two). */
    private Sampled<String> event(String item, boolean byFact, boolean byCustomer) {
        return tick.applyEx(clock, Sampled.of(item, 0, "f", new String[] {byFact ? "f" : null,
                byCustomer ? "c" : null}, new Number[0]));
    }

    private static Sampled<String> part(Sampled<String> event, int grouping, String aggregate, long value) {
        return event.partFor(grouping).withResults(Map.of(aggregate, value));
    }

    private static List<String> items(List<Aggregated<String>> left) {
        return left.stream().map(Aggregated::item).toList();
    }

    @Test
    void anEventLeavesOnceItHasAllItsPartsInWhateverOrderTheyCome() {
        Sampled<String> e1 = event("e1", true, true);

        assertThat(join.accept(part(e1, 1, "orders", 2))).isEmpty();
        assertThat(join.accept(e1)).isEmpty();
        List<Aggregated<String>> left = join.accept(part(e1, 0, "updates", 1));

        assertThat(items(left)).containsExactly("e1");
        // the aggregates in the order of the groupings
        assertThat(left.get(0).aggregates()).containsExactly(Map.entry("updates", 1L), Map.entry("orders", 2L));
        assertThat(join.isEmpty()).isTrue();
    }

    @Test
    void aFactsEventsLeaveInTheClocksOrderEvenWhenALaterOneIsCompleteFirst() {
        Sampled<String> e1 = event("e1", true, true);
        Sampled<String> e2 = event("e2", true, false);
        Sampled<String> e3 = event("e3", false, false);

        assertThat(join.accept(e1)).isEmpty();
        assertThat(join.accept(e2)).isEmpty();
        assertThat(join.accept(part(e2, 0, "updates", 2))).as("e2 is complete, but e1 is not").isEmpty();
        assertThat(join.accept(e3)).as("e3 has no parts, but waits for e1").isEmpty();
        assertThat(join.accept(part(e1, 0, "updates", 1))).isEmpty();

        assertThat(items(join.accept(part(e1, 1, "orders", 1)))).containsExactly("e1", "e2", "e3");
        assertThat(join.isEmpty()).isTrue();
    }

    @Test
    void anEventWithoutPartsLeavesAtOnce() {
        List<Aggregated<String>> left = join.accept(event("delete", false, false));

        assertThat(items(left)).containsExactly("delete");
        assertThat(left.get(0).aggregates()).isEmpty();
    }

    @Test
    void aRestoredClockNumbersOnInANewEpochAndTheJoinDropsWhatWaitedFromTheOldOne() throws Exception {
        Sampled<String> stale = event("stale", true, true);
        assertThat(join.accept(stale)).isEmpty();
        assertThat(join.accept(part(stale, 0, "updates", 1))).isEmpty();

        EventClock restored = copy(clock);
        Sampled<String> again = tick.applyEx(restored, Sampled.of("again", 0, "f", new String[] {"f", null},
                new Number[0]));

        assertThat(again.epoch()).isNotEqualTo(stale.epoch()).isNotZero();
        assertThat(again.sequence()).isEqualTo(stale.sequence() + 1);
        assertThat(join.accept(again)).isEmpty();
        assertThat(items(join.accept(part(again, 0, "updates", 1)))).containsExactly("again");
        assertThat(join.isEmpty()).isTrue();
    }

    @Test
    void theJoinStateSurvivesASnapshot() throws Exception {
        Sampled<String> e1 = event("e1", true, false);
        join.accept(e1);

        PendingEvents<String> restored = copy(join);

        assertThat(items(restored.accept(part(e1, 0, "updates", 1)))).containsExactly("e1");
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
