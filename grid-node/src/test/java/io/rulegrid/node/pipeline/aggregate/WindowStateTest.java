package io.rulegrid.node.pipeline.aggregate;

import io.rulegrid.node.config.AggregateFunction;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;

import static io.rulegrid.node.config.AggregateFunction.AVG;
import static io.rulegrid.node.config.AggregateFunction.COUNT;
import static io.rulegrid.node.config.AggregateFunction.MAX;
import static io.rulegrid.node.config.AggregateFunction.MIN;
import static io.rulegrid.node.config.AggregateFunction.SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The window of one group over explicit event times: its boundaries, late events, what it keeps, each function. */
class WindowStateTest {

    private static final long WINDOW = 10_000;

    @Test
    void anEventExactlyOneWindowEarlierIsOutsideAndOneMillisecondLaterIsInside() {
        WindowState state = new WindowState(WINDOW, 0);
        state.add(0, 1L);
        state.add(1, 2L);

        WindowView window = state.add(WINDOW, 4L);

        assertThat(window.value(COUNT)).isEqualTo(2L);
        assertThat(window.value(SUM)).isEqualTo(6L);
    }

    @Test
    void theFirstEventOfAGroupIsAloneInItsWindow() {
        WindowView window = new WindowState(WINDOW, 0).add(5_000, 7L);

        assertThat(window.value(COUNT)).isEqualTo(1L);
        assertThat(window.value(SUM)).isEqualTo(7L);
        assertThat(window.counted()).isTrue();
    }

    @Test
    void eventsAtTheSameTimeCountInTheWindowsOfThoseThatComeAfterThem() {
        WindowState state = new WindowState(WINDOW, 0);

        assertThat(state.add(1_000, 1L).value(COUNT)).isEqualTo(1L);
        assertThat(state.add(1_000, 1L).value(COUNT)).isEqualTo(2L);
    }

    @Test
    void lateEventWithinTheAllowedLatenessIsCountedAndSeesTheWindowEndingAtItsOwnTime() {
        WindowState state = new WindowState(WINDOW, 5_000);
        state.add(90_000, 1L);
        state.add(100_000, 10L);

        WindowView late = state.add(96_000, 100L);
        // (86000, 96000]: the event at 100000 is after the late event's time, so not in its window
        assertThat(late.counted()).isTrue();
        assertThat(late.value(SUM)).isEqualTo(101L);

        // (95000, 105000]: the late event was kept
        assertThat(state.add(105_000, 1_000L).value(SUM)).isEqualTo(1_110L);
    }

    @Test
    void eventExactlyTheAllowedLatenessBehindIsCountedAndOneMillisecondMoreIsNot() {
        WindowState state = new WindowState(WINDOW, 5_000);
        state.add(100_000, 1L);

        assertThat(state.add(95_000, 1L).counted()).isTrue();
        assertThat(state.add(94_999, 1L).counted()).isFalse();
        assertThat(state.heldTimes()).containsExactly(95_000, 100_000);
    }

    @Test
    void eventLaterThanTheAllowedLatenessIsNotKeptButGetsItsWindowWithItself() {
        WindowState state = new WindowState(WINDOW, 5_000);
        state.add(90_000, 1L);
        state.add(100_000, 10L);

        WindowView tooLate = state.add(94_000, 100L);
        // (84000, 94000] over what is held, plus the event itself
        assertThat(tooLate.counted()).isFalse();
        assertThat(tooLate.value(COUNT)).isEqualTo(2L);
        assertThat(tooLate.value(SUM)).isEqualTo(101L);

        WindowView next = state.add(101_000, 1_000L);
        // (91000, 101000]: the too-late event at 94000 was not kept
        assertThat(next.value(COUNT)).isEqualTo(2L);
        assertThat(next.value(SUM)).isEqualTo(1_010L);
    }

    @Test
    void eventsWithinTheLatenessAreKeptInEventTimeOrder() {
        WindowState state = new WindowState(WINDOW, 10);
        state.add(10, 1L);
        state.add(5, 1L);
        state.add(7, 1L);

        assertThat(state.heldTimes()).containsExactly(5, 7, 10);
    }

    @Test
    void entriesAtOrBeforeLatestMinusWindowMinusLatenessAreDropped() {
        WindowState state = new WindowState(WINDOW, 5_000);
        state.add(0, 1L);
        state.add(1_000, 1L);
        state.add(5_000, 1L);

        state.add(16_000, 1L);
        assertThat(state.heldTimes()).containsExactly(5_000, 16_000);
        // a late event within the lateness still finds everything its window needs
        assertThat(state.add(11_000, 1L).value(COUNT)).isEqualTo(2L);

        state.add(20_000, 1L);
        assertThat(state.heldTimes()).containsExactly(11_000, 16_000, 20_000);
    }

    @Test
    void aLongStreamHoldsOnlyTheEventsOfTheLastWindowAndLateness() {
        WindowState state = new WindowState(100, 50);

        for (long time = 0; time < 100_000; time++) {
            WindowView window = state.add(time, 1L);
            assertThat(state.size()).isLessThanOrEqualTo(150);
            if (time >= 100) {
                assertThat(window.value(COUNT)).isEqualTo(100L);
            }
        }
    }

    @Test
    void countCountsEveryEventAndTheOtherFunctionsOnlyNumbers() {
        WindowState state = new WindowState(WINDOW, 0);
        state.add(1, 4L);
        state.add(2, null);
        state.add(3, 2.5);

        WindowView window = state.add(4, 8L);

        assertThat(window.value(COUNT)).isEqualTo(4L);
        assertThat(window.value(SUM)).isEqualTo(14.5);
        assertThat(window.value(MIN)).isEqualTo(2.5);
        assertThat(window.value(MAX)).isEqualTo(8L);
        assertThat(window.value(AVG)).isEqualTo(14.5 / 3);
    }

    @Test
    void aWindowWithoutNumbersCountsItsEventsAndHasNoSumMinMaxOrAverage() {
        WindowState state = new WindowState(WINDOW, 0);
        state.add(1, null);

        WindowView window = state.add(2, null);

        assertThat(window.value(COUNT)).isEqualTo(2L);
        for (AggregateFunction function : new AggregateFunction[] {SUM, MIN, MAX, AVG}) {
            assertThat(window.value(function)).as(function.configName()).isNull();
        }
    }

    @Test
    void sumOfLongsIsALongAndTurnsExactDecimalInsteadOfOverflowing() {
        WindowState state = new WindowState(WINDOW, 0);

        assertThat(state.add(1, 3L).value(SUM)).isEqualTo(3L);
        assertThat(state.add(2, 4L).value(AVG)).isEqualTo(3.5);
        assertThat(state.add(3, Long.MAX_VALUE).value(SUM))
                .isEqualTo(new BigDecimal(Long.MAX_VALUE).add(BigDecimal.valueOf(7)));
    }

    @Test
    void aDecimalMakesTheSumAndAverageDecimalsWithDoublesTakenByTheirDecimalText() {
        WindowState state = new WindowState(WINDOW, 0);
        state.add(1, 0.1);

        WindowView window = state.add(2, new BigDecimal("0.2"));

        assertThat(window.value(SUM)).isEqualTo(new BigDecimal("0.3"));
        assertThat(window.value(AVG)).isEqualTo(new BigDecimal("0.15"));
    }

    @Test
    void minAndMaxCompareAcrossNumberTypesByValueAndKeepTheValuesType() {
        WindowState state = new WindowState(WINDOW, 0);
        state.add(1, 9_007_199_254_740_993L);
        state.add(2, 9_007_199_254_740_992.0);

        WindowView window = state.add(3, new BigDecimal("-0.5"));

        assertThat(window.value(MAX)).isEqualTo(9_007_199_254_740_993L);
        assertThat(window.value(MIN)).isEqualTo(new BigDecimal("-0.5"));
    }

    @Test
    void aViewOfAnEarlierWindowRefusesToAnswerOnceTheStateTookAnotherEvent() {
        WindowState state = new WindowState(WINDOW, 0);
        WindowView first = state.add(1, 1L);
        state.add(2, 2L);

        assertThatThrownBy(() -> first.value(SUM)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stale");
    }

    @Test
    void survivesJavaSerializationWithItsEventsAndLatestTime() throws Exception {
        WindowState state = new WindowState(WINDOW, 5_000);
        state.add(90_000, 1L);
        state.add(100_000, 2L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }

        WindowState restored;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (WindowState) in.readObject();
        }

        assertThat(restored.heldTimes()).containsExactly(90_000, 100_000);
        assertThat(restored.add(94_000, 4L).counted()).as("the latest time came back too").isFalse();
        assertThat(restored.add(100_000, 4L).value(SUM)).isEqualTo(6L);
    }
}
