package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluation counters per ruleset and rule, and a latency histogram per ruleset: one member's, or the
 * sum over members.
 */
public final class StatsSnapshot implements IdentifiedDataSerializable {

    /**
     * Latency histogram buckets: bucket 0 counts evaluations under 1 µs, bucket {@code i} those of
     * {@code [2^(i-1), 2^i)} µs; the last bucket counts everything slower.
     */
    public static final int LATENCY_BUCKETS = 24;

    private final Map<String, RuleSetStats> rulesets = new TreeMap<>();

    public StatsSnapshot() {
    }

    /** The stats of a ruleset, created empty on first use. */
    public RuleSetStats ruleset(String name) {
        return rulesets.computeIfAbsent(name, n -> new RuleSetStats());
    }

    /** Every ruleset's stats, by name. */
    public Map<String, RuleSetStats> rulesets() {
        return java.util.Collections.unmodifiableMap(rulesets);
    }

    /** Adds another member's counts to these. */
    public StatsSnapshot merge(StatsSnapshot other) {
        other.rulesets.forEach((name, stats) -> ruleset(name).add(stats));
        return this;
    }

    /** The latency bucket of an evaluation that took {@code nanos}. */
    public static int bucketOf(long nanos) {
        long micros = nanos / 1_000;
        int bucket = micros == 0 ? 0 : 64 - Long.numberOfLeadingZeros(micros);
        return Math.min(bucket, LATENCY_BUCKETS - 1);
    }

    /** The counters of one ruleset. */
    public static final class RuleSetStats {
        private long evaluations;
        private long errors;
        private long firings;
        private final long[] latency = new long[LATENCY_BUCKETS];
        private final Map<String, long[]> rules = new TreeMap<>();

        /** Adds counts read from a member's counters. */
        public void add(long evaluationCount, long errorCount, long firingCount, long[] latencyCounts) {
            evaluations += evaluationCount;
            errors += errorCount;
            firings += firingCount;
            for (int i = 0; i < Math.min(latencyCounts.length, LATENCY_BUCKETS); i++) {
                latency[i] += latencyCounts[i];
            }
        }

        /** Adds one rule's counts read from a member's counters. */
        public void addRule(String rule, long firingCount, long errorCount) {
            long[] counts = rules.computeIfAbsent(rule, r -> new long[2]);
            counts[0] += firingCount;
            counts[1] += errorCount;
        }

        public long evaluations() {
            return evaluations;
        }

        public long errors() {
            return errors;
        }

        public long firings() {
            return firings;
        }

        /** Firings of one rule. */
        public long firings(String rule) {
            long[] counts = rules.get(rule);
            return counts == null ? 0 : counts[0];
        }

        /** Failed evaluations that named this rule. */
        public long errors(String rule) {
            long[] counts = rules.get(rule);
            return counts == null ? 0 : counts[1];
        }

        /** The rules that fired or failed, by name. */
        public java.util.Set<String> rules() {
            return java.util.Collections.unmodifiableSet(rules.keySet());
        }

        /** The histogram counts, see {@link #LATENCY_BUCKETS}. */
        public long[] latencyBuckets() {
            return latency.clone();
        }

        /** The upper bound in µs of the bucket holding the given quantile (0..1) of evaluations; 0 if none. */
        public long latencyMicrosAtMost(double quantile) {
            long total = 0;
            for (long count : latency) {
                total += count;
            }
            long wanted = (long) Math.ceil(total * quantile);
            long seen = 0;
            for (int i = 0; i < latency.length; i++) {
                seen += latency[i];
                if (seen >= wanted && seen > 0) {
                    return 1L << i;
                }
            }
            return 0;
        }

        void add(RuleSetStats other) {
            add(other.evaluations, other.errors, other.firings, other.latency);
            other.rules.forEach((rule, counts) -> addRule(rule, counts[0], counts[1]));
        }
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(rulesets.size());
        for (Map.Entry<String, RuleSetStats> entry : rulesets.entrySet()) {
            RuleSetStats stats = entry.getValue();
            out.writeString(entry.getKey());
            out.writeLong(stats.evaluations);
            out.writeLong(stats.errors);
            out.writeLong(stats.firings);
            out.writeLongArray(stats.latency);
            out.writeInt(stats.rules.size());
            for (Map.Entry<String, long[]> rule : stats.rules.entrySet()) {
                out.writeString(rule.getKey());
                out.writeLong(rule.getValue()[0]);
                out.writeLong(rule.getValue()[1]);
            }
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            RuleSetStats stats = ruleset(in.readString());
            stats.evaluations = in.readLong();
            stats.errors = in.readLong();
            stats.firings = in.readLong();
            long[] latency = in.readLongArray();
            System.arraycopy(latency, 0, stats.latency, 0, Math.min(latency.length, LATENCY_BUCKETS));
            int rules = in.readInt();
            for (int r = 0; r < rules; r++) {
                stats.rules.put(in.readString(), new long[] {in.readLong(), in.readLong()});
            }
        }
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.STATS_SNAPSHOT;
    }
}
