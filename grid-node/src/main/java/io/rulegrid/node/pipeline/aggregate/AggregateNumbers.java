package io.rulegrid.node.pipeline.aggregate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * The arithmetic of aggregates over JSON numbers (Long, Double, BigDecimal, as {@code io.rulegrid.api.Facts}
 * reads them), chosen so that a result is what the rules' own arithmetic would give and is always a JSON number
 * the rules accept: a sum of Longs is a Long, with a Double a Double, with a BigDecimal a BigDecimal; a Long sum
 * that would overflow and a Double sum that would be infinite are computed exactly as a BigDecimal instead.
 */
final class AggregateNumbers {

    private AggregateNumbers() {
    }

    /**
     * The value as a JSON number, or {@code null} when it is none (text, a Boolean, an object, {@code null}, a
     * non-finite Double): only numbers are summed, averaged and compared.
     */
    static Number numeric(Object value) {
        if (value instanceof Long || value instanceof BigDecimal) {
            return (Number) value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        return null;
    }

    /** Values of a window in order; {@code null} where an event's field held no number. */
    interface Sequence {
        int size();

        Number get(int index);
    }

    /** The sum of the numbers, skipping {@code null}s; {@code null} when there is none. */
    static Number sum(Sequence values) {
        boolean any = false;
        boolean anyDouble = false;
        boolean anyDecimal = false;
        for (int i = 0; i < values.size(); i++) {
            Number value = values.get(i);
            if (value != null) {
                any = true;
                anyDouble |= value instanceof Double;
                anyDecimal |= value instanceof BigDecimal;
            }
        }
        if (!any) {
            return null;
        }
        if (anyDecimal) {
            return decimalSum(values);
        }
        if (anyDouble) {
            double sum = 0;
            for (int i = 0; i < values.size(); i++) {
                Number value = values.get(i);
                if (value != null) {
                    sum += value.doubleValue();
                }
            }
            return Double.isFinite(sum) ? sum : decimalSum(values);
        }
        long sum = 0;
        for (int i = 0; i < values.size(); i++) {
            Number value = values.get(i);
            if (value != null) {
                try {
                    sum = Math.addExact(sum, value.longValue());
                } catch (ArithmeticException overflow) {
                    // the exact sum instead of an error the rules could do nothing about
                    return decimalSum(values);
                }
            }
        }
        return sum;
    }

    private static BigDecimal decimalSum(Sequence values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < values.size(); i++) {
            Number value = values.get(i);
            if (value != null) {
                sum = sum.add(decimal(value));
            }
        }
        return sum;
    }

    /** How many numbers there are, {@code null}s skipped. */
    static long numbers(Sequence values) {
        long count = 0;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                count++;
            }
        }
        return count;
    }

    /** The smallest ({@code sign} -1) or largest ({@code sign} 1) number, the first of equals; {@code null} if none. */
    static Number extreme(Sequence values, int sign) {
        Number best = null;
        for (int i = 0; i < values.size(); i++) {
            Number value = values.get(i);
            if (value != null && (best == null || Integer.signum(compare(value, best)) == sign)) {
                best = value;
            }
        }
        return best;
    }

    /**
     * The mean: the sum divided by how many numbers there are, a Double, or a BigDecimal (34 significant digits,
     * half-even, as the rules divide) when the sum is one.
     */
    static Number average(Number sum, long count) {
        if (sum instanceof BigDecimal decimal) {
            return decimal.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128);
        }
        return sum.doubleValue() / count;
    }

    /** Numeric order across types, exact: a Long with a Double is compared by their values, not by rounding. */
    static int compare(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return exact(a).compareTo(exact(b));
    }

    /** A Double as its shortest decimal text, as the rules' BigDecimal arithmetic takes it. */
    private static BigDecimal decimal(Number value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        return value instanceof Double d ? BigDecimal.valueOf(d) : BigDecimal.valueOf(value.longValue());
    }

    /** A Double as its exact binary value, for comparisons. */
    private static BigDecimal exact(Number value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        return value instanceof Double d ? new BigDecimal(d) : BigDecimal.valueOf(value.longValue());
    }
}
