package io.rulegrid.node.internal;

import io.rulegrid.grid.wire.StatsSnapshot;
import io.rulegrid.api.EvaluationResult;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Evaluation counters of this member, per ruleset and rule, and a latency histogram per ruleset.
 * Updated from partition threads, so every update is a lock-free adder increment.
 */
final class RuleMetrics {

    private final Map<String, RuleSetCounters> rulesets = new ConcurrentHashMap<>();

    void recorded(String ruleset, EvaluationResult result) {
        RuleSetCounters counters = counters(ruleset);
        counters.evaluations.increment();
        counters.firings.add(result.fired().size());
        counters.latency[StatsSnapshot.bucketOf(result.elapsedNanos())].increment();
        for (String rule : result.fired()) {
            counters.rule(rule)[0].increment();
        }
    }

    void failed(String ruleset, String rule) {
        RuleSetCounters counters = counters(ruleset);
        counters.errors.increment();
        if (rule != null) {
            counters.rule(rule)[1].increment();
        }
    }

    StatsSnapshot snapshot() {
        StatsSnapshot snapshot = new StatsSnapshot();
        rulesets.forEach((name, counters) -> {
            long[] latency = new long[StatsSnapshot.LATENCY_BUCKETS];
            for (int i = 0; i < latency.length; i++) {
                latency[i] = counters.latency[i].sum();
            }
            StatsSnapshot.RuleSetStats stats = snapshot.ruleset(name);
            stats.add(counters.evaluations.sum(), counters.errors.sum(), counters.firings.sum(), latency);
            counters.rules.forEach((rule, adders) -> stats.addRule(rule, adders[0].sum(), adders[1].sum()));
        });
        return snapshot;
    }

    private RuleSetCounters counters(String ruleset) {
        return rulesets.computeIfAbsent(ruleset, r -> new RuleSetCounters());
    }

    private static final class RuleSetCounters {
        final LongAdder evaluations = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder firings = new LongAdder();
        final LongAdder[] latency = adders(StatsSnapshot.LATENCY_BUCKETS);
        /** Per rule: firings, errors. */
        final Map<String, LongAdder[]> rules = new ConcurrentHashMap<>();

        LongAdder[] rule(String rule) {
            return rules.computeIfAbsent(rule, r -> adders(2));
        }

        private static LongAdder[] adders(int count) {
            LongAdder[] adders = new LongAdder[count];
            for (int i = 0; i < count; i++) {
                adders[i] = new LongAdder();
            }
            return adders;
        }
    }
}
