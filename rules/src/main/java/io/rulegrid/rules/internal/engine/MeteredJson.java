package io.rulegrid.rules.internal.engine;

import io.rulegrid.api.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deep copy and deep equality of JSON values, charged to the evaluation's budget element by element, so
 * that comparing or copying large values is cut off by the time budget like any loop of a rule.
 */
public final class MeteredJson {

    private MeteredJson() {
    }

    /**
     * JSON equality: numbers by value across types, lists and objects deeply, other types never equal.
     */
    public static boolean equal(Object a, Object b, Meter meter) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof String x) {
            meter.charge(1 + x.length() / 64);
            return x.equals(b);
        }
        if (a instanceof Boolean) {
            return a.equals(b);
        }
        if (a instanceof Long || a instanceof Double || a instanceof java.math.BigDecimal) {
            return (b instanceof Long || b instanceof Double || b instanceof java.math.BigDecimal)
                    && NumberOrder.compare(a, b) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                meter.charge(1);
                if (!equal(x.get(i), y.get(i), meter)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                meter.charge(1);
                Object other = y.get(entry.getKey());
                if (other == null && !y.containsKey(entry.getKey()) || !equal(entry.getValue(), other, meter)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether two JSON values would be written as the same JSON text: numbers of the same type and scale
     * ({@code 1} and {@code 1.0} differ), objects with the same fields in the same order. This is what a
     * change is: a rule that reads the value's type, scale or field order sees the difference.
     */
    public static boolean identical(Object a, Object b, Meter meter) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass() && !(a instanceof List && b instanceof List)
                && !(a instanceof Map && b instanceof Map)) {
            return false;
        }
        if (a instanceof String x) {
            meter.charge(1 + x.length() / 64);
            return x.equals(b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                meter.charge(1);
                if (!identical(x.get(i), y.get(i), meter)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            java.util.Iterator<? extends Map.Entry<?, ?>> others = y.entrySet().iterator();
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                meter.charge(1);
                Map.Entry<?, ?> other = others.next();
                if (!entry.getKey().equals(other.getKey()) || !identical(entry.getValue(), other.getValue(), meter)) {
                    return false;
                }
            }
            return true;
        }
        // Long, Double (0.0 and -0.0 differ, as their text does), BigDecimal (scale included), Boolean
        return a.equals(b);
    }

    /** A deep copy of a JSON value: containers are new, scalars shared. */
    public static Object copy(Object value, Meter meter) {
        if (value instanceof List<?> list) {
            meter.allocate(list.size() + 1L);
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copy(element, meter));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            meter.allocate(map.size() + 1L);
            JsonObject copy = new JsonObject(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put((String) entry.getKey(), copy(entry.getValue(), meter));
            }
            return copy;
        }
        return value;
    }
}
