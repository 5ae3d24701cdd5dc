package io.rulegrid.rules.internal.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rules can match a fact (the alpha index). Each rule is filed under one of the {@link Constraint}s of
 * its condition, chosen per field: an equality under the field with the most distinct constants (a hash
 * lookup by the fact's value), else the interval its range constraints on one field form (a search in
 * rules sorted by lower bound). A constraint shared by many rules is so answered once per fact. Rules with
 * no such constraint are always candidates.
 *
 * <p>Exact: a rule left out is one whose filed constraint is false for the fact. A value of another type
 * than a range's bounds (a string against numbers) would make the comparison fail, so such rules stay
 * candidates and their evaluation reports the error.
 */
final class RuleIndex {

    private static final int[] NONE = new int[0];
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final int[] unindexed;
    private final EqualityIndex[] equalities;
    private final RangeIndex[] ranges;
    private final Set<String> fields;
    private final long[] filedParts;

    private RuleIndex(int[] unindexed, EqualityIndex[] equalities, RangeIndex[] ranges, long[] filedParts) {
        this.filedParts = filedParts;
        this.unindexed = unindexed;
        this.equalities = equalities;
        this.ranges = ranges;
        Set<String> names = new HashSet<>();
        Arrays.stream(equalities).forEach(index -> names.add(index.field));
        Arrays.stream(ranges).forEach(index -> names.add(index.field));
        this.fields = Set.copyOf(names);
    }

    static RuleIndex of(CompiledRule[] rules) {
        Map<String, Integer> distinctConstants = distinctEqualityConstants(rules);
        Map<String, Integer> rangeCounts = rangeConstraintCounts(rules);
        List<Integer> unindexed = new ArrayList<>();
        Map<String, Map<Object, List<Integer>>> byValue = new LinkedHashMap<>();
        Map<String, List<Interval>> byInterval = new LinkedHashMap<>();
        long[] filedParts = new long[rules.length];
        for (CompiledRule rule : rules) {
            if (!rule.definition().enabled()) {
                continue;
            }
            int beforeAnyFallibleTest = firstBlocking(rule, null);
            Constraint equality = rule.constraints().stream()
                    .filter(c -> c.operator().equals("==") && c.position() < beforeAnyFallibleTest)
                    .max(Comparator.comparingInt(c -> distinctConstants.get(c.field()))).orElse(null);
            String rangeField = rule.constraints().stream()
                    .filter(c -> isNumericRange(c) && c.position() < firstBlocking(rule, c.field()))
                    .map(Constraint::field).max(Comparator.comparingInt(rangeCounts::get)).orElse(null);
            if (equality != null) {
                Object key = lookupKey(equality.constant());
                byValue.computeIfAbsent(equality.field(), f -> new HashMap<>())
                        .computeIfAbsent(key, k -> new ArrayList<>()).add(rule.rank());
                filedParts[rule.rank()] = bit(equality.position());
            } else if (rangeField != null) {
                int blocking = firstBlocking(rule, rangeField);
                List<Constraint> used = rule.constraints().stream()
                        .filter(c -> c.position() < blocking && c.field().equals(rangeField) && isNumericRange(c)).toList();
                Interval interval = Interval.of(rule.rank(), used, rangeField);
                used.forEach(c -> filedParts[rule.rank()] |= bit(c.position()));
                byInterval.computeIfAbsent(rangeField, f -> new ArrayList<>()).add(interval);
            } else {
                unindexed.add(rule.rank());
            }
        }
        EqualityIndex[] equalities = byValue.entrySet().stream()
                .map(e -> EqualityIndex.of(e.getKey(), e.getValue())).toArray(EqualityIndex[]::new);
        RangeIndex[] ranges = byInterval.entrySet().stream()
                .map(e -> RangeIndex.of(e.getKey(), e.getValue())).toArray(RangeIndex[]::new);
        return new RuleIndex(toArray(unindexed), equalities, ranges, filedParts);
    }

    /**
     * The first conjunct that could fail before a test on {@code field} is reached: anything but an equality
     * (which never fails) and a range test on {@code field} itself (whose failure the index reports by
     * keeping the rule a candidate). A rule may be filed only under tests before it, so that filing never
     * hides the error an earlier conjunct would raise.
     */
    private static int firstBlocking(CompiledRule rule, String field) {
        Constraint[] at = new Constraint[rule.parts().size()];
        for (Constraint c : rule.constraints()) {
            at[c.position()] = c;
        }
        for (int position = 0; position < at.length; position++) {
            Constraint c = at[position];
            boolean harmless = c != null && (c.operator().equals("==") || c.field().equals(field) && isNumericRange(c));
            if (!harmless) {
                return position;
            }
        }
        return at.length;
    }

    private static Map<String, Integer> distinctEqualityConstants(CompiledRule[] rules) {
        Map<String, java.util.Set<Object>> constants = new HashMap<>();
        for (CompiledRule rule : rules) {
            for (Constraint c : rule.constraints()) {
                if (c.operator().equals("==")) {
                    constants.computeIfAbsent(c.field(), f -> new java.util.HashSet<>()).add(lookupKey(c.constant()));
                }
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        constants.forEach((field, values) -> counts.put(field, values.size()));
        return counts;
    }

    private static Map<String, Integer> rangeConstraintCounts(CompiledRule[] rules) {
        Map<String, Integer> counts = new HashMap<>();
        for (CompiledRule rule : rules) {
            for (Constraint c : rule.constraints()) {
                if (isNumericRange(c)) {
                    counts.merge(c.field(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static boolean isNumericRange(Constraint c) {
        return !c.operator().equals("==") && isNumber(c.constant());
    }

    /** Calls {@code visitor} with the rank of every rule that can match {@code fact}. */
    void forEachCandidate(Map<String, Object> fact, RankVisitor visitor) {
        for (int rank : unindexed) {
            visitor.visit(rank, false);
        }
        for (EqualityIndex index : equalities) {
            for (int rank : index.candidates(fact.get(index.field))) {
                visitor.visit(rank, true);
            }
        }
        for (RangeIndex index : ranges) {
            index.forEachCandidate(fact.get(index.field), visitor);
        }
    }

    /**
     * The condition parts of a rule the index checks when it lists the rule as a verified candidate, as a bit
     * mask of part positions.
     */
    long filedParts(int rank) {
        return filedParts[rank];
    }

    private static long bit(int position) {
        return position < Long.SIZE ? 1L << position : 0;
    }

    /** The fields rules are filed under: a change to one of them changes which rules are candidates. */
    Set<String> fields() {
        return fields;
    }

    /**
     * A number as a hash key equal for numerically equal values of any type: whole numbers as {@code Long},
     * others as {@code Double} when that is exact, else a {@code BigDecimal} without trailing zeros.
     */
    static Object lookupKey(Object value) {
        if (value instanceof Long || !isNumber(value)) {
            return value;
        }
        if (value instanceof Double d) {
            double x = d;
            if (x == Math.rint(x) && x >= -0x1p63 && x < 0x1p63) {
                return (long) x;
            }
            return d;
        }
        BigDecimal decimal = (BigDecimal) value;
        if (decimal.signum() == 0) {
            return 0L;
        }
        decimal = decimal.stripTrailingZeros();
        boolean whole = decimal.scale() <= 0;
        if (whole && decimal.compareTo(LONG_MIN) >= 0 && decimal.compareTo(LONG_MAX) <= 0) {
            return decimal.longValueExact();
        }
        // the double this decimal equals under NumberOrder, if any: exactly for whole numbers, by text otherwise
        double x = decimal.doubleValue();
        if (!Double.isInfinite(x) && NumberOrder.decimal(x).compareTo(decimal) == 0 && (x == Math.rint(x)) == whole) {
            return x;
        }
        return decimal;
    }

    private static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof Double || value instanceof BigDecimal;
    }

    private static int[] toArray(List<Integer> ranks) {
        return ranks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Receives rule ranks. */
    @FunctionalInterface
    interface RankVisitor {
        /**
         * @param verified whether the index checked the rule's filed tests (see {@link #filedParts}) for this
         *                 fact, so that its evaluation can skip them
         */
        void visit(int rank, boolean verified);
    }

    /** The rules filed under equalities on one field, by constant. */
    private static final class EqualityIndex {
        final String field;
        final Map<Object, int[]> byValue;

        private EqualityIndex(String field, Map<Object, int[]> byValue) {
            this.field = field;
            this.byValue = byValue;
        }

        static EqualityIndex of(String field, Map<Object, List<Integer>> ranks) {
            Map<Object, int[]> byValue = new HashMap<>();
            ranks.forEach((value, list) -> byValue.put(value, toArray(list)));
            return new EqualityIndex(field, byValue);
        }

        int[] candidates(Object value) {
            if (value == null) {
                return NONE;
            }
            int[] ranks = byValue.get(lookupKey(value));
            return ranks == null ? NONE : ranks;
        }
    }

    /**
     * The interval a rule's range constraints on one field form; a missing bound is unbounded.
     */
    private record Interval(int rank, Object low, boolean lowInclusive, Object high, boolean highInclusive) {

        static Interval of(int rank, List<Constraint> constraints, String field) {
            Object low = null;
            boolean lowInclusive = false;
            Object high = null;
            boolean highInclusive = false;
            for (Constraint c : constraints) {
                if (!c.field().equals(field) || !isNumericRange(c)) {
                    continue;
                }
                boolean inclusive = c.operator().endsWith("=");
                if (c.operator().startsWith(">")) {
                    int order = low == null ? 1 : compare(c.constant(), low);
                    if (order > 0 || order == 0 && !inclusive) {
                        low = c.constant();
                        lowInclusive = inclusive;
                    }
                } else {
                    int order = high == null ? -1 : compare(c.constant(), high);
                    if (order < 0 || order == 0 && !inclusive) {
                        high = c.constant();
                        highInclusive = inclusive;
                    }
                }
            }
            return new Interval(rank, low, lowInclusive, high, highInclusive);
        }

        boolean aboveLow(Object value) {
            if (low == null) {
                return true;
            }
            int order = compare(value, low);
            return order > 0 || order == 0 && lowInclusive;
        }

        boolean belowHigh(Object value) {
            if (high == null) {
                return true;
            }
            int order = compare(value, high);
            return order < 0 || order == 0 && highInclusive;
        }

        boolean contains(Object value) {
            return aboveLow(value) && belowHigh(value);
        }
    }

    private static int compare(Object a, Object b) {
        return NumberOrder.compare(a, b);
    }

    /**
     * The rules filed under intervals on one field. Intervals bounded on both sides are sorted by lower bound,
     * and only those whose lower bound lies within the widest interval's width below the value can contain
     * it; intervals open above are a prefix of their sort by lower bound, those open below a suffix of their
     * sort by upper bound. A lookup costs a binary search plus the intervals it has to look at.
     */
    private static final class RangeIndex {
        final String field;
        final Interval[] bounded;
        final double[] boundedLows;
        final double widest;
        final Interval[] openAbove;
        final Interval[] openBelow;
        final int[] allRanks;

        private RangeIndex(String field, List<Interval> intervals) {
            this.field = field;
            this.bounded = intervals.stream().filter(i -> i.low != null && i.high != null)
                    .sorted((a, b) -> compare(a.low, b.low)).toArray(Interval[]::new);
            this.boundedLows = Arrays.stream(bounded).mapToDouble(i -> ((Number) i.low).doubleValue()).toArray();
            this.widest = Arrays.stream(bounded).mapToDouble(RangeIndex::width).max().orElse(0);
            this.openAbove = intervals.stream().filter(i -> i.high == null)
                    .sorted((a, b) -> compare(a.low, b.low)).toArray(Interval[]::new);
            this.openBelow = intervals.stream().filter(i -> i.low == null)
                    .sorted((a, b) -> compare(a.high, b.high)).toArray(Interval[]::new);
            this.allRanks = intervals.stream().mapToInt(Interval::rank).toArray();
        }

        static RangeIndex of(String field, List<Interval> intervals) {
            return new RangeIndex(field, intervals);
        }

        private static double width(Interval interval) {
            double width = ((Number) interval.high).doubleValue() - ((Number) interval.low).doubleValue();
            return Double.isNaN(width) ? Double.POSITIVE_INFINITY : width;
        }

        void forEachCandidate(Object value, RankVisitor visitor) {
            if (value == null) {
                return;
            }
            if (!isNumber(value)) {
                for (int rank : allRanks) {
                    visitor.visit(rank, false);
                }
                return;
            }
            visitBounded(value, visitor);
            for (int i = 0, end = countLowAtMost(openAbove, value); i < end; i++) {
                if (openAbove[i].aboveLow(value)) {
                    visitor.visit(openAbove[i].rank, true);
                }
            }
            for (int i = countHighBelow(openBelow, value); i < openBelow.length; i++) {
                if (openBelow[i].belowHigh(value)) {
                    visitor.visit(openBelow[i].rank, true);
                }
            }
        }

        private void visitBounded(Object value, RankVisitor visitor) {
            double v = ((Number) value).doubleValue();
            // widened by a relative margin because doubles round; the exact test decides. A window that is
            // not finite (decimals beyond doubles) means looking at every interval below the value.
            double windowStart = v - widest - Math.abs(v) * 1e-9 - 1e-9;
            boolean windowed = Double.isFinite(windowStart);
            for (int i = countLowAtMost(bounded, value) - 1; i >= 0 && (!windowed || boundedLows[i] >= windowStart); i--) {
                if (bounded[i].contains(value)) {
                    visitor.visit(bounded[i].rank, true);
                }
            }
        }

        /** The number of intervals (sorted by lower bound) whose lower bound is at most {@code value}. */
        private static int countLowAtMost(Interval[] byLow, Object value) {
            int lo = 0;
            int hi = byLow.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (compare(byLow[mid].low, value) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** The number of intervals (sorted by upper bound) whose upper bound is below {@code value}. */
        private static int countHighBelow(Interval[] byHigh, Object value) {
            int lo = 0;
            int hi = byHigh.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (compare(byHigh[mid].high, value) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
