package io.rulegrid.rules.internal.engine;

import java.math.BigDecimal;

/**
 * The order of JSON numbers of any type ({@code Long}, {@code Double}, {@code BigDecimal}), total and
 * transitive: a double with a fraction stands for its shortest decimal text (so {@code 0.1 == 0.1B}), a whole
 * double for its exact value (all doubles from 2^53 up are whole, and their shortest text is not their value:
 * 2^60 reads 1152921504606846980). No whole number lies between a fractional double and its shortest text,
 * so this agrees with the exact comparison of longs and doubles.
 */
public final class NumberOrder {

    private NumberOrder() {
    }

    public static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            double p = x;
            double q = y;
            return p < q ? -1 : p > q ? 1 : 0;
        }
        if (a instanceof Long x && b instanceof Double y) {
            return compareLongDouble(x, y);
        }
        if (a instanceof Double x && b instanceof Long y) {
            return -compareLongDouble(y, x);
        }
        return decimal(a).compareTo(decimal(b));
    }

    /** A number as a decimal: a fractional double by its shortest decimal text (0.1 is 0.1), a whole one exactly. */
    public static BigDecimal decimal(Object number) {
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        double d = (Double) number;
        return d == Math.rint(d) ? new BigDecimal(d) : BigDecimal.valueOf(d);
    }

    private static int compareLongDouble(long x, double y) {
        if (y >= 0x1p63) {
            return -1;
        }
        if (y < -0x1p63) {
            return 1;
        }
        long whole = (long) y;
        if (x != whole) {
            return Long.compare(x, whole);
        }
        double fraction = y - whole;
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }
}
