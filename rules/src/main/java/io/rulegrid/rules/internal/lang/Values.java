package io.rulegrid.rules.internal.lang;

import io.rulegrid.api.JsonObject;
import io.rulegrid.rules.internal.engine.Meter;
import io.rulegrid.rules.internal.engine.MeteredJson;
import io.rulegrid.rules.internal.engine.NumberOrder;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operators of the language over JSON values ({@code String}, {@code Long}, {@code Double},
 * {@code BigDecimal}, {@code Boolean}, {@code null}, {@code List}, {@code Map}): arithmetic that never
 * overflows silently, comparisons, JSON equality, and the copy that stores a value into the fact.
 */
final class Values {

    /** Decimals beyond these bounds are refused: their arithmetic could take unbounded time and memory. */
    static final int MAX_DECIMAL_DIGITS = 1_000;
    static final int MAX_DECIMAL_SCALE = 10_000;

    /** The one whole literal that is a Long only when negated: 9223372036854775808. */
    private static final BigDecimal LONG_MIN_MAGNITUDE = BigDecimal.valueOf(Long.MIN_VALUE).negate();

    static final int LESS = 0;
    static final int LESS_OR_EQUAL = 1;
    static final int GREATER = 2;
    static final int GREATER_OR_EQUAL = 3;

    private Values() {
    }

    // ---------------------------------------------------------------- types

    /** The JSON type of a value as rule authors read it in messages. */
    static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a String";
        }
        if (value instanceof Long) {
            return "a Long";
        }
        if (value instanceof Double) {
            return "a Double";
        }
        if (value instanceof BigDecimal) {
            return "a BigDecimal";
        }
        if (value instanceof Boolean) {
            return "a Boolean";
        }
        if (value instanceof List) {
            return "a List";
        }
        if (value instanceof Map) {
            return "a Map";
        }
        return "a " + value.getClass().getSimpleName();
    }

    static boolean isInstance(Object value, String type) {
        return switch (type) {
            case "String" -> value instanceof String;
            case "Number" -> value instanceof Long || value instanceof Double || value instanceof BigDecimal;
            case "Long" -> value instanceof Long;
            case "Double" -> value instanceof Double;
            case "BigDecimal" -> value instanceof BigDecimal;
            case "Boolean" -> value instanceof Boolean;
            case "List" -> value instanceof List;
            case "Map" -> value instanceof Map;
            default -> false;
        };
    }

    static boolean truth(int at, Object value, String context) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new EvalException(at, context + " needs a boolean but got " + describe(value));
    }

    /** A value's type, and the value itself when it is short. */
    static String describe(Object value) {
        if (value == null || value instanceof List || value instanceof Map) {
            return typeName(value);
        }
        String text = value instanceof String s ? "\"" + s + "\"" : value.toString();
        return typeName(value) + (text.length() <= 40 ? " (" + text + ")" : "");
    }

    // ---------------------------------------------------------------- arithmetic

    static Object negate(int at, Object value) {
        if (value instanceof Long l) {
            if (l == Long.MIN_VALUE) {
                throw overflow(at, "-");
            }
            return -l;
        }
        if (value instanceof Double d) {
            return -d;
        }
        if (value instanceof BigDecimal d) {
            return d.equals(LONG_MIN_MAGNITUDE) ? (Object) Long.MIN_VALUE : d.negate();
        }
        throw new EvalException(at, "'-' needs a number but got " + describe(value));
    }

    /** {@code a + b}: numbers add, and a string on either side concatenates. */
    static Object plus(int at, Object a, Object b, Meter meter) {
        if (a instanceof String || b instanceof String) {
            StringBuilder out = new StringBuilder();
            text(at, a, out, meter);
            text(at, b, out, meter);
            meter.allocate(out.length());
            return out.toString();
        }
        return arithmetic(at, '+', a, b, meter);
    }

    /**
     * Appends how a value reads inside a string (JSON scalars as written, lists as {@code [a, b]}, objects as
     * {@code {k=v}}), failing as soon as the text would pass max-string, before it is built.
     */
    static void text(int at, Object value, StringBuilder out, Meter meter) {
        if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                meter.charge(1);
                out.append(i == 0 ? "" : ", ");
                text(at, list.get(i), out, meter);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                meter.charge(1);
                out.append(first ? "" : ", ").append(entry.getKey()).append('=');
                first = false;
                text(at, entry.getValue(), out, meter);
            }
            out.append('}');
        } else {
            String scalar = String.valueOf(value);
            checkString(at, (long) out.length() + scalar.length(), meter);
            meter.charge(scalar.length() / 64 + 1);
            out.append(scalar);
        }
        checkString(at, out.length(), meter);
    }

    static Object arithmetic(int at, char operator, Object a, Object b, Meter meter) {
        if (a instanceof Long x && b instanceof Long y) {
            return longs(at, operator, x, y);
        }
        if (!isNumber(a) || !isNumber(b)) {
            throw new EvalException(at, "'" + operator + "' needs numbers but got " + describe(a) + " and " + describe(b));
        }
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            return decimals(at, operator, decimal(a), decimal(b), meter);
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        if (y == 0 && (operator == '/' || operator == '%')) {
            throw divisionByZero(at, operator);
        }
        double result = switch (operator) {
            case '+' -> x + y;
            case '-' -> x - y;
            case '*' -> x * y;
            case '/' -> x / y;
            default -> x % y;
        };
        return finite(at, "'" + operator + "'", result);
    }

    /** A double result; infinity and NaN are not JSON numbers, so they are errors where they arise. */
    static Double finite(int at, String operation, double result) {
        if (Double.isNaN(result) || Double.isInfinite(result)) {
            throw new EvalException(at, operation + " gives " + result + ", which is not a finite number"
                    + (Double.isNaN(result) ? "" : "; compute with decimals (B suffix) for larger numbers"));
        }
        return result;
    }

    private static Object longs(int at, char operator, long x, long y) {
        try {
            switch (operator) {
                case '+':
                    return Math.addExact(x, y);
                case '-':
                    return Math.subtractExact(x, y);
                case '*':
                    return Math.multiplyExact(x, y);
                case '/':
                    if (y == 0) {
                        throw divisionByZero(at, operator);
                    }
                    if (x % y == 0) {
                        if (x == Long.MIN_VALUE && y == -1) {
                            throw overflow(at, "/");
                        }
                        return x / y;
                    }
                    return (double) x / (double) y;
                default:
                    if (y == 0) {
                        throw divisionByZero(at, operator);
                    }
                    return x % y;
            }
        } catch (ArithmeticException e) {
            throw overflow(at, String.valueOf(operator));
        }
    }

    private static Object decimals(int at, char operator, BigDecimal x, BigDecimal y, Meter meter) {
        checkDecimal(at, x);
        checkDecimal(at, y);
        // the work of decimal arithmetic grows with the digits involved, the alignment of scales included
        meter.charge((x.precision() + y.precision() + Math.abs((long) x.scale() - y.scale())) / 16 + 1);
        BigDecimal result;
        switch (operator) {
            case '+':
                result = x.add(y);
                break;
            case '-':
                result = x.subtract(y);
                break;
            case '*':
                result = x.multiply(y);
                break;
            case '/':
                if (y.signum() == 0) {
                    throw divisionByZero(at, operator);
                }
                result = x.divide(y, MathContext.DECIMAL128);
                break;
            default:
                if (y.signum() == 0) {
                    throw divisionByZero(at, operator);
                }
                result = x.remainder(y);
                break;
        }
        return checkDecimal(at, result);
    }

    static BigDecimal checkDecimal(int at, BigDecimal value) {
        if (value.precision() > MAX_DECIMAL_DIGITS || Math.abs(value.scale()) > MAX_DECIMAL_SCALE) {
            throw new EvalException(at, "decimal number out of range (more than " + MAX_DECIMAL_DIGITS
                    + " digits or an exponent beyond " + MAX_DECIMAL_SCALE + ")");
        }
        return value;
    }

    static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof Double || value instanceof BigDecimal;
    }

    static BigDecimal decimal(Object number) {
        return NumberOrder.decimal(number);
    }

    private static EvalException overflow(int at, String operator) {
        return new EvalException(at, "integer overflow in '" + operator + "'; compute with decimals (1.0 * x) instead");
    }

    private static EvalException divisionByZero(int at, char operator) {
        return new EvalException(at, (operator == '/' ? "division" : "remainder") + " by zero");
    }

    // ---------------------------------------------------------------- comparison

    /**
     * {@code a <op> b} for {@code <}, {@code <=}, {@code >}, {@code >=}: numbers by value, strings by
     * character order; {@code false} when either side is {@code null}.
     */
    static boolean compare(int at, String operator, Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        int order;
        if (a instanceof Long x && b instanceof Long y) {
            order = Long.compare(x, y);
        } else if (isNumber(a) && isNumber(b)) {
            order = compareNumbers(a, b);
        } else if (a instanceof String x && b instanceof String y) {
            order = x.compareTo(y);
        } else {
            throw new EvalException(at, "cannot compare " + describe(a) + " with " + describe(b) + " using '"
                    + operator + "'");
        }
        return holds(operator, order);
    }

    static boolean holds(String operator, int order) {
        return holds(comparison(operator), order);
    }

    /** A comparison operator as a code for {@link #holds(int, int)}, so hot comparisons need no string switch. */
    static int comparison(String operator) {
        return switch (operator) {
            case "<" -> LESS;
            case "<=" -> LESS_OR_EQUAL;
            case ">" -> GREATER;
            default -> GREATER_OR_EQUAL;
        };
    }

    static boolean holds(int comparison, int order) {
        return switch (comparison) {
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            default -> order >= 0;
        };
    }

    /** The order of two numbers of any JSON number types, exact. */
    static int compareNumbers(Object a, Object b) {
        return NumberOrder.compare(a, b);
    }

    /** JSON equality, charged to the budget (see {@link MeteredJson#equal}). */
    static boolean equal(Object a, Object b, Meter meter) {
        return MeteredJson.equal(a, b, meter);
    }

    // ---------------------------------------------------------------- storing

    /**
     * The value as it is stored into the fact, a list or an object: containers are copied (so no value is
     * shared or contains itself), and the copy is checked against the limits.
     */
    static Object stored(int at, Object value, Meter meter) {
        if (value instanceof Double d && (d.isInfinite() || d.isNaN())) {
            throw new EvalException(at, "a JSON number must be finite but was " + d);
        }
        if (!(value instanceof List) && !(value instanceof Map)) {
            return value;
        }
        return copy(at, value, meter, 1);
    }

    private static Object copy(int at, Object value, Meter meter, int depth) {
        if (value instanceof List<?> list) {
            checkDepth(at, depth, meter);
            checkSize(at, list.size(), meter);
            meter.allocate(list.size() + 1L);
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copy(at, element, meter, depth + 1));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            checkDepth(at, depth, meter);
            checkSize(at, map.size(), meter);
            meter.allocate(map.size() + 1L);
            JsonObject copy = new JsonObject(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put((String) entry.getKey(), copy(at, entry.getValue(), meter, depth + 1));
            }
            return copy;
        }
        if (value instanceof Double d && (d.isInfinite() || d.isNaN())) {
            throw new EvalException(at, "a JSON number must be finite but was " + d);
        }
        return value;
    }

    private static void checkDepth(int at, int depth, Meter meter) {
        if (depth > meter.limits().maxDepth()) {
            throw new EvalException(at, "value nested deeper than max-depth " + meter.limits().maxDepth());
        }
    }

    static void checkSize(int at, long size, Meter meter) {
        if (size > meter.limits().maxCollection()) {
            throw new EvalException(at, "list or object of " + size + " elements exceeds max-collection "
                    + meter.limits().maxCollection());
        }
    }

    /** Checks a string about to be built against max-string and the evaluation's allocation budget. */
    static void checkString(int at, long length, Meter meter) {
        if (length > meter.limits().maxString()) {
            throw new EvalException(at, "string of " + length + " characters exceeds max-string "
                    + meter.limits().maxString());
        }
        meter.checkAllocation(length);
    }
}
