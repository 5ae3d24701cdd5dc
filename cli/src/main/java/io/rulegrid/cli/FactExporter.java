package io.rulegrid.cli;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import io.rulegrid.api.Facts;
import io.rulegrid.grid.GridNames;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Writes the facts of a namespace as JSON lines {@code {"key":…,"fact":{…}}}, in key order. It holds the keys,
 * not the facts: one query finds the keys, sorted here, and the facts are read {@link #PAGE_SIZE} at a time.
 * (Hazelcast's paging predicate would hold less, but runs a query over the whole namespace for every page.)
 * A fact deleted while the export runs is left out; one changed is written as its page reads it.
 */
final class FactExporter {

    static final int PAGE_SIZE = 1_000;

    private final IMap<String, HazelcastJsonValue> facts;

    FactExporter(IMap<String, HazelcastJsonValue> facts) {
        this.facts = facts;
    }

    /**
     * Writes the facts matching {@code where}, or all if it is {@code null}.
     *
     * @return how many facts were written
     */
    long export(Predicate<String, HazelcastJsonValue> where, Writer out) throws IOException {
        List<String> keys = new ArrayList<>(where == null ? facts.keySet() : facts.keySet(where));
        keys.sort(null);
        long written = 0;
        for (int from = 0; from < keys.size(); from += PAGE_SIZE) {
            List<String> page = keys.subList(from, Math.min(from + PAGE_SIZE, keys.size()));
            Map<String, HazelcastJsonValue> values = facts.getAll(new HashSet<>(page));
            for (String key : page) {
                HazelcastJsonValue value = values.get(key);
                if (value != null) {
                    // parsed and written again: a fact stored by another client may hold line breaks; a pipeline's
                    // ledger is the grid's bookkeeping, not the fact
                    Map<String, Object> fact = Facts.parse(value.getValue());
                    fact.remove(GridNames.FEED_LEDGER_FIELD);
                    out.write(Facts.toJson(FactKeys.exportRecord(key, fact)));
                    out.write('\n');
                    written++;
                }
            }
        }
        out.flush();
        return written;
    }
}
