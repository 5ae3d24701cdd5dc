package io.rulegrid.cli;

import io.rulegrid.client.Namespace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores the facts of a file in a namespace, {@link #BATCH_SIZE} per call. A bad record is skipped whole (never
 * stored in part) and the load goes on; a key seen before is skipped too, so the first fact of a key is the one
 * stored, whatever the batches.
 */
final class FactLoader {

    /** Facts per {@code putAll}: one call per member and batch, instead of a round trip per fact. */
    static final int BATCH_SIZE = 1_000;

    /** Skipped records listed by line; past that only counted, so a file of bad lines cannot fill the memory. */
    static final int LISTED_SKIPS = 100;

    private final Namespace namespace;
    private final FactKeys keys;
    private final LoadProgress progress;

    FactLoader(Namespace namespace, FactKeys keys, LoadProgress progress) {
        this.namespace = namespace;
        this.keys = keys;
        this.progress = progress;
    }

    LoadReport load(RecordReader records) throws IOException {
        long start = System.nanoTime();
        Map<String, Integer> firstLines = new HashMap<>();
        Map<String, Map<String, Object>> batch = new LinkedHashMap<>();
        List<BadRecordException> listed = new ArrayList<>();
        long skipped = 0;
        long loaded = 0;
        while (true) {
            KeyedFact fact;
            try {
                SourceRecord record = records.next();
                if (record == null) {
                    break;
                }
                fact = firstOfItsKey(keys.keyed(record), firstLines);
            } catch (BadRecordException bad) {
                skipped++;
                if (listed.size() < LISTED_SKIPS) {
                    listed.add(bad);
                }
                continue;
            }
            batch.put(fact.key(), fact.fact());
            if (batch.size() == BATCH_SIZE) {
                loaded += store(batch, loaded);
                progress.loaded(loaded);
            }
        }
        loaded += store(batch, loaded);
        progress.done();
        return new LoadReport(loaded, List.copyOf(listed), skipped, System.nanoTime() - start);
    }

    private static KeyedFact firstOfItsKey(KeyedFact fact, Map<String, Integer> firstLines) throws BadRecordException {
        Integer first = firstLines.putIfAbsent(fact.key(), fact.line());
        if (first != null) {
            throw new BadRecordException(fact.line(), "duplicate key \"" + fact.key() + "\": the fact of line " + first
                    + " is the one loaded");
        }
        return fact;
    }

    private int store(Map<String, Map<String, Object>> batch, long storedBefore) {
        int size = batch.size();
        if (size == 0) {
            return 0;
        }
        try {
            namespace.putAll(batch);
        } catch (RuntimeException e) {
            throw new CliException("storing facts in namespace \"" + namespace.name() + "\" failed after "
                    + storedBefore + " were stored: " + e.getMessage(), e);
        }
        batch.clear();
        return size;
    }
}
