package io.rulegrid.rules.internal.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules can possibly match a fact. Rules whose condition starts with {@code field == constant} are
 * looked up by the fact's value of that field; the others are always candidates. Exact: a rule left out
 * is one whose condition is false for the fact.
 */
final class RuleIndex {

    private final int[] unindexed;
    private final FieldIndex[] fields;

    private RuleIndex(int[] unindexed, FieldIndex[] fields) {
        this.unindexed = unindexed;
        this.fields = fields;
    }

    static RuleIndex of(CompiledRule[] rules) {
        List<Integer> unindexed = new ArrayList<>();
        Map<String, Map<Object, List<Integer>>> byField = new LinkedHashMap<>();
        for (CompiledRule rule : rules) {
            if (!rule.definition().enabled()) {
                continue;
            }
            IndexKey key = rule.indexKey();
            if (key == null) {
                unindexed.add(rule.rank());
            } else {
                byField.computeIfAbsent(key.field(), f -> new HashMap<>())
                        .computeIfAbsent(key.value(), v -> new ArrayList<>()).add(rule.rank());
            }
        }
        FieldIndex[] fields = byField.entrySet().stream()
                .map(e -> FieldIndex.of(e.getKey(), e.getValue())).toArray(FieldIndex[]::new);
        return new RuleIndex(toArray(unindexed), fields);
    }

    /** Calls {@code visitor} with the rank of every rule that can match {@code fact}. */
    void forEachCandidate(Map<String, Object> fact, RankVisitor visitor) {
        for (int rank : unindexed) {
            visitor.visit(rank);
        }
        for (FieldIndex field : fields) {
            for (int rank : field.candidates(fact.get(field.name))) {
                visitor.visit(rank);
            }
        }
    }

    /** Whether the indexed test of a rule can hold for this fact. */
    static boolean mayMatch(IndexKey key, Map<String, Object> fact) {
        if (key == null) {
            return true;
        }
        Object value = fact.get(key.field());
        if (value == null) {
            return false;
        }
        Object normalized = lookupKey(value, key.value().getClass());
        return normalized == MISMATCH || key.value().equals(normalized);
    }

    /** A value of another type than the constant's: MVEL may coerce, so such rules are evaluated. */
    private static final Object MISMATCH = new Object();
    private static final Object NO_MATCH = new Object();

    /**
     * The fact value as a key of the constant's type: itself for strings and booleans, a {@code Long} for
     * a whole number; {@link #NO_MATCH} for a fractional number (it cannot equal a whole constant);
     * {@link #MISMATCH} for any other type.
     */
    private static Object lookupKey(Object value, Class<?> constantType) {
        if (constantType == String.class) {
            return value instanceof String ? value : MISMATCH;
        }
        if (constantType == Boolean.class) {
            return value instanceof Boolean ? value : MISMATCH;
        }
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof BigDecimal) {
            BigDecimal exact = value instanceof Double d ? new BigDecimal(d) : (BigDecimal) value;
            try {
                return exact.longValueExact();
            } catch (ArithmeticException fractionalOrHuge) {
                return NO_MATCH;
            }
        }
        return MISMATCH;
    }

    private static int[] toArray(List<Integer> ranks) {
        return ranks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Receives rule ranks. */
    @FunctionalInterface
    interface RankVisitor {
        void visit(int rank);
    }

    /** The rules indexed on one field, by constant; grouped by constant type. */
    private static final class FieldIndex {
        private static final int[] NONE = new int[0];

        final String name;
        final Map<Object, int[]> byValue;
        final Map<Class<?>, int[]> byType;

        private FieldIndex(String name, Map<Object, int[]> byValue, Map<Class<?>, int[]> byType) {
            this.name = name;
            this.byValue = byValue;
            this.byType = byType;
        }

        static FieldIndex of(String name, Map<Object, List<Integer>> ranksByValue) {
            Map<Object, int[]> byValue = new HashMap<>();
            Map<Class<?>, List<Integer>> byType = new HashMap<>();
            ranksByValue.forEach((value, ranks) -> {
                byValue.put(value, toArray(ranks));
                byType.computeIfAbsent(value.getClass(), t -> new ArrayList<>()).addAll(ranks);
            });
            Map<Class<?>, int[]> typeArrays = new HashMap<>();
            byType.forEach((type, ranks) -> typeArrays.put(type, toArray(ranks.stream().sorted().toList())));
            return new FieldIndex(name, byValue, typeArrays);
        }

        int[] candidates(Object value) {
            if (value == null) {
                return NONE;
            }
            if (byType.size() == 1) {
                return candidatesOfType(value, byType.keySet().iterator().next());
            }
            List<Integer> all = new ArrayList<>();
            for (Class<?> type : byType.keySet()) {
                for (int rank : candidatesOfType(value, type)) {
                    all.add(rank);
                }
            }
            return toArray(all);
        }

        private int[] candidatesOfType(Object value, Class<?> type) {
            Object key = lookupKey(value, type);
            if (key == MISMATCH) {
                return byType.get(type);
            }
            int[] ranks = key == NO_MATCH ? null : byValue.get(key);
            return ranks == null ? NONE : ranks;
        }
    }
}
