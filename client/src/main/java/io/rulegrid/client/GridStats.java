package io.rulegrid.client;

import io.rulegrid.grid.wire.StatsSnapshot;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluation counters and latency histograms per ruleset, summed over the members that answered. Immutable.
 *
 * @param rulesets every ruleset's counters, by name
 */
public record GridStats(Map<String, RuleSetStats> rulesets) {

    public GridStats {
        rulesets = Collections.unmodifiableMap(new TreeMap<>(rulesets));
    }

    static GridStats of(StatsSnapshot sum) {
        Map<String, RuleSetStats> rulesets = new TreeMap<>();
        sum.rulesets().forEach((name, counters) -> rulesets.put(name, RuleSetStats.of(counters)));
        return new GridStats(rulesets);
    }

    /** The counters of a ruleset; all zero for a ruleset never evaluated. */
    public RuleSetStats ruleset(String name) {
        return rulesets.getOrDefault(name, RuleSetStats.of(new StatsSnapshot.RuleSetStats()));
    }
}
