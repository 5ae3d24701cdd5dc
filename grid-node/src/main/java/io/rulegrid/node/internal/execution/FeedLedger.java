package io.rulegrid.node.internal.execution;

import io.rulegrid.api.Facts;
import io.rulegrid.grid.GridNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka events applied to one fact, stored in the fact under {@link GridNames#FEED_LEDGER_FIELD}, in the same
 * value and so in the same write and backup as the change they record. Per source partition ({@code topic/partition})
 * it holds the offset of the last event applied, which makes applying an event idempotent, and the decisions of the
 * events applied since the pipeline's last commit:
 * <pre>{"order-events/0": {"offset": 41, "pending": [{"offset": 41, "version": 3, "timestamp": 1760000000000,
 *   "outputs": [{"rule": "BigOrder", "type": "review", "value": 150}]}]}}</pre>
 * An event delivered again (a job restarted from its last snapshot, an operation Hazelcast sends again after a member
 * loss) is then not applied again; its decisions, if the pipeline had not committed them, are written again from the
 * ledger, the same records as the first time. Pending decisions at or below the committed offset are dropped when the
 * fact's next event is applied. An event whose evaluation failed is recorded with its reason instead of decisions
 * ({@code {"offset": 42, "timestamp": …, "failure": "NO_FACT: …"}}), so that its dead letter is written again too.
 */
final class FeedLedger {

    private static final String OFFSET = "offset";
    private static final String PENDING = "pending";
    private static final String FAILURE = "failure";

    private final Map<String, Object> sources;

    private FeedLedger(Map<String, Object> sources) {
        this.sources = sources;
    }

    /** The ledger stored in a fact's ledger field ({@code null} or absent: an empty one). */
    static FeedLedger of(Object stored) {
        Map<String, Object> sources = new LinkedHashMap<>();
        if (stored instanceof Map<?, ?> map) {
            map.forEach((source, entry) -> sources.put(String.valueOf(source), entry));
        }
        return new FeedLedger(sources);
    }

    /** Whether the event at {@code offset} of {@code source} was applied to this fact; never for no source. */
    boolean applied(String source, long offset) {
        Map<String, Object> entry = entry(source);
        return entry != null && offset <= number(entry.get(OFFSET));
    }

    /** The decisions the event at {@code offset} made, if still pending: {@code {version, timestamp, outputs}}. */
    Map<String, Object> pending(String source, long offset) {
        Map<String, Object> entry = entry(source);
        if (entry != null && entry.get(PENDING) instanceof List<?> pending) {
            for (Object decided : pending) {
                if (decided instanceof Map<?, ?> map && number(map.get(OFFSET)) == offset) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> found = (Map<String, Object>) map;
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Records an applied event and what it emitted; drops the pending decisions the pipeline has committed.
     *
     * @param outputs   the evaluation's outputs as {@code {rule, type, value}} objects
     * @param committed the offset of {@code source} up to which the pipeline committed its decisions, or -1
     */
    void record(String source, long offset, int version, long timestamp, List<Map<String, Object>> outputs,
                long committed) {
        Map<String, Object> decided = null;
        if (!outputs.isEmpty()) {
            decided = new LinkedHashMap<>();
            decided.put(OFFSET, offset);
            decided.put("version", (long) version);
            decided.put("timestamp", timestamp);
            decided.put("outputs", outputs);
        }
        record(source, offset, decided, committed);
    }

    /**
     * Records an event whose evaluation failed, with the reason its dead letter gives, so that the event read again
     * fails again with the same dead letter instead of passing as applied.
     */
    void recordFailure(String source, long offset, long timestamp, String failure, long committed) {
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put(OFFSET, offset);
        failed.put("timestamp", timestamp);
        failed.put(FAILURE, failure);
        record(source, offset, failed, committed);
    }

    /** The reason a pending record of {@link #pending} gives for a failed event, or {@code null} if it did not fail. */
    static String failure(Map<String, Object> pending) {
        return pending != null && pending.get(FAILURE) instanceof String failure ? failure : null;
    }

    private void record(String source, long offset, Map<String, Object> decided, long committed) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(OFFSET, offset);
        List<Object> pending = new ArrayList<>();
        Map<String, Object> previous = entry(source);
        if (previous != null && previous.get(PENDING) instanceof List<?> earlier) {
            for (Object kept : earlier) {
                if (kept instanceof Map<?, ?> map && number(map.get(OFFSET)) > committed) {
                    pending.add(kept);
                }
            }
        }
        if (decided != null) {
            pending.add(decided);
        }
        if (!pending.isEmpty()) {
            entry.put(PENDING, pending);
        }
        sources.put(source, entry);
    }

    /** The ledger as stored in the fact, or {@code null} when it records nothing (then nothing is stored). */
    Map<String, Object> value() {
        return sources.isEmpty() ? null : sources;
    }

    /**
     * Writes a ledger into a fact's JSON, as its last field: the fact's own fields keep their text as serialized.
     *
     * @param ledger the stored ledger value, or {@code null} to write the fact as it is
     */
    static String attach(String factJson, Object ledger) {
        if (ledger == null) {
            return factJson;
        }
        StringBuilder json = new StringBuilder(factJson.length() + 128);
        json.append(factJson, 0, factJson.length() - 1);
        if (!factJson.equals("{}")) {
            json.append(',');
        }
        return json.append(Facts.toJson(GridNames.FEED_LEDGER_FIELD)).append(':').append(Facts.toJson(ledger))
                .append('}').toString();
    }

    private Map<String, Object> entry(String source) {
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = sources.get(source) instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
        return entry;
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : Long.MIN_VALUE;
    }
}
