package io.rulegrid.client;

import io.rulegrid.grid.wire.StatsSnapshot;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters of one ruleset, summed over members. Immutable.
 *
 * @param evaluations    evaluations, failed ones included
 * @param errors         failed evaluations
 * @param firings        rule firings
 * @param rules          the rules that fired or failed, by name
 * @param latencyBuckets evaluation latency histogram: bucket 0 counts evaluations under 1 µs, bucket {@code i}
 *                       those of {@code [2^(i-1), 2^i)} µs; the last bucket counts everything slower
 */
public record RuleSetStats(long evaluations, long errors, long firings, Map<String, RuleStats> rules,
                           List<Long> latencyBuckets) {

    public RuleSetStats {
        rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        latencyBuckets = List.copyOf(latencyBuckets);
    }

    static RuleSetStats of(StatsSnapshot.RuleSetStats counters) {
        Map<String, RuleStats> rules = new LinkedHashMap<>();
        counters.rules().forEach(rule -> rules.put(rule, new RuleStats(counters.firings(rule), counters.errors(rule))));
        return new RuleSetStats(counters.evaluations(), counters.errors(), counters.firings(), rules,
                Arrays.stream(counters.latencyBuckets()).boxed().toList());
    }

    /** The counters of a rule; zero for a rule that never fired nor failed. */
    public RuleStats rule(String name) {
        return rules.getOrDefault(name, new RuleStats(0, 0));
    }

    /**
     * The upper bound in µs of the latency bucket holding the given quantile (0..1) of evaluations; 0 if there
     * were none.
     */
    public long latencyMicrosAtMost(double quantile) {
        // the wire type's histogram knows how to read a quantile; this only holds the counts immutably
        StatsSnapshot.RuleSetStats histogram = new StatsSnapshot.RuleSetStats();
        histogram.add(0, 0, 0, latencyBuckets.stream().mapToLong(Long::longValue).toArray());
        return histogram.latencyMicrosAtMost(quantile);
    }
}
