package io.rulegrid.demo;

import io.rulegrid.api.Facts;
import io.rulegrid.api.MalformedFactException;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a pipeline wrote for one run of the demo's events, read back from its decisions and dead-letter topics:
 * decisions per rule, the orders decided, the dead letters and a reason. Records of other runs are left out (the
 * broker keeps the topics from run to run), and so are duplicates: a pipeline that processes at least once may write
 * a decision or dead letter again after a restart, and a decision is named by {@code eventId} and {@code index}.
 */
final class PipelineTally {

    private final String run;
    private final String eventPrefix;
    private final int orders;
    private final BitSet decided;
    private final Set<String> decisions = new HashSet<>();
    private final Map<String, Long> decisionsPerRule = new TreeMap<>();
    private final Set<String> deadLetterPayloads = new HashSet<>();
    private String deadLetterSample;
    private long duplicates;
    private long lastDecidedNanos;

    PipelineTally(String run, int orders) {
        this.run = run;
        this.eventPrefix = run + "-";
        this.orders = orders;
        this.decided = new BitSet(orders);
    }

    /** A record of the decisions topic, read at {@code nanos}. */
    void decision(String value, long nanos) {
        Map<String, Object> decision = parse(value);
        if (decision == null || !(decision.get("eventId") instanceof String eventId) || !eventId.startsWith(eventPrefix)) {
            return;
        }
        if (!decisions.add(eventId + "#" + decision.get("index"))) {
            duplicates++;
            return;
        }
        decisionsPerRule.merge(String.valueOf(decision.get("rule")), 1L, Long::sum);
        int index = orderIndex(eventId);
        if (index >= 0 && index < orders && !decided.get(index)) {
            decided.set(index);
            lastDecidedNanos = nanos;
        }
    }

    /** A record of the dead-letter topic. */
    void deadLetter(String value) {
        Map<String, Object> letter = parse(value);
        if (letter == null || !(letter.get("payload") instanceof String payload) || !payload.contains(run)) {
            return;
        }
        if (!deadLetterPayloads.add(payload)) {
            duplicates++;
            return;
        }
        if (deadLetterSample == null) {
            deadLetterSample = letter.get("reason") + " (payload " + payload + ")";
        }
    }

    /** Orders with at least one decision of this run. */
    int decided() {
        return decided.cardinality();
    }

    int deadLetters() {
        return deadLetterPayloads.size();
    }

    /** Whether every order has its decision and every malformed event of the run its dead letter. */
    boolean complete(int malformed) {
        return decided() == orders && deadLetters() >= malformed;
    }

    /** When the last order to be decided got its first decision, {@link System#nanoTime()}; 0 before any. */
    long lastDecidedNanos() {
        return lastDecidedNanos;
    }

    Map<String, Long> decisionsPerRule() {
        return decisionsPerRule;
    }

    long decisions() {
        return decisions.size();
    }

    /** Records read again (a restarted job writes what it wrote since its last snapshot again). */
    long duplicates() {
        return duplicates;
    }

    /** One dead letter's reason and payload, or {@code null} when there is none. */
    String deadLetterSample() {
        return deadLetterSample;
    }

    private int orderIndex(String eventId) {
        try {
            return Integer.parseInt(eventId.substring(eventPrefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A record that is no JSON object is no record of this run's pipeline: it is skipped. */
    private static Map<String, Object> parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Facts.parse(value);
        } catch (MalformedFactException e) {
            return null;
        }
    }
}
