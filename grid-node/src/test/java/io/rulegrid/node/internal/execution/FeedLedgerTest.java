package io.rulegrid.node.internal.execution;

import io.rulegrid.api.Facts;
import io.rulegrid.grid.GridNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger a fact keeps of the feed events applied to it: what makes an event delivered again harmless. */
class FeedLedgerTest {

    private static final List<Map<String, Object>> REVIEW = List.of(Map.of("rule", "Big", "type", "review",
            "value", 150L));

    @Test
    void anEventAtOrBelowTheLastAppliedOffsetOfItsSourceWasApplied() {
        FeedLedger ledger = FeedLedger.of(null);
        ledger.record("orders/0", 41, 3, 1_000L, REVIEW, -1);

        assertThat(ledger.applied("orders/0", 41)).isTrue();
        assertThat(ledger.applied("orders/0", 7)).isTrue();
        assertThat(ledger.applied("orders/0", 42)).isFalse();
        assertThat(ledger.applied("orders/1", 41)).as("another partition has offsets of its own").isFalse();
        assertThat(ledger.applied(null, 41)).as("no source: at least once, nothing recorded").isFalse();
    }

    @Test
    void pendingDecisionsAreKeptUntilCommittedAndAnEventWithoutOutputsKeepsNone() {
        FeedLedger ledger = FeedLedger.of(null);
        ledger.record("orders/0", 40, 3, 1_000L, REVIEW, -1);
        ledger.record("orders/0", 41, 3, 2_000L, List.of(), -1);
        ledger.record("orders/0", 42, 4, 3_000L, REVIEW, -1);

        assertThat(ledger.pending("orders/0", 40)).containsEntry("version", 3L).containsEntry("timestamp", 1_000L)
                .containsEntry("outputs", REVIEW);
        assertThat(ledger.pending("orders/0", 41)).isNull();
        assertThat(ledger.pending("orders/0", 42)).containsEntry("version", 4L);

        ledger.record("orders/0", 43, 4, 4_000L, List.of(), 40);
        assertThat(ledger.pending("orders/0", 40)).as("committed: dropped").isNull();
        assertThat(ledger.pending("orders/0", 42)).as("not committed yet").isNotNull();
    }

    @Test
    void aFailedEventIsRecordedWithItsReasonAndFailsAgainWhenReadAgain() {
        FeedLedger ledger = FeedLedger.of(null);
        ledger.recordFailure("orders/0", 40, 1_000L, "NO_FACT: no fact o-1", -1);
        ledger.record("orders/0", 41, 3, 2_000L, REVIEW, -1);

        assertThat(ledger.applied("orders/0", 40)).isTrue();
        assertThat(FeedLedger.failure(ledger.pending("orders/0", 40))).isEqualTo("NO_FACT: no fact o-1");
        assertThat(AppliedEvent.appliedBefore(ledger.pending("orders/0", 40)))
                .satisfies(again -> {
                    assertThat(again.status()).isEqualTo(AppliedEvent.Status.FAILED);
                    assertThat(again.failure()).isEqualTo("NO_FACT: no fact o-1");
                });
        assertThat(FeedLedger.failure(ledger.pending("orders/0", 41))).as("a decided event").isNull();

        ledger.record("orders/0", 42, 3, 3_000L, List.of(), 40);
        assertThat(ledger.pending("orders/0", 40)).as("committed: dropped like decisions").isNull();
    }

    @Test
    void theLedgerReadsBackFromTheFactItIsAttachedTo() {
        FeedLedger ledger = FeedLedger.of(null);
        ledger.record("orders/2", 9, 1, 5L, REVIEW, -1);

        String stored = FeedLedger.attach("{\"total\":150}", ledger.value());
        Map<String, Object> fact = Facts.parse(stored);
        assertThat(fact).containsEntry("total", 150L);
        FeedLedger read = FeedLedger.of(fact.remove(GridNames.FEED_LEDGER_FIELD));
        assertThat(read.applied("orders/2", 9)).isTrue();
        assertThat(read.pending("orders/2", 9)).containsEntry("outputs", REVIEW);

        assertThat(Facts.parse(FeedLedger.attach("{}", ledger.value()))).containsOnlyKeys(GridNames.FEED_LEDGER_FIELD);
        assertThat(FeedLedger.attach("{\"a\":1}", null)).isEqualTo("{\"a\":1}");
        assertThat(FeedLedger.of(null).value()).as("an empty ledger is not stored").isNull();
    }

    @Test
    void aLedgerThatIsNotOneReadsAsEmpty() {
        assertThat(FeedLedger.of("forged").applied("orders/0", 0)).isFalse();
        assertThat(FeedLedger.of(Map.of("orders/0", "x")).applied("orders/0", 0)).isFalse();
        assertThat(FeedLedger.of(Map.of("orders/0", Map.of("offset", "9"))).applied("orders/0", 0)).isFalse();
    }
}
