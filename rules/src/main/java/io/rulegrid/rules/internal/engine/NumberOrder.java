package io.rulegrid.rules.internal.engine;

import java.math.BigDecimal;

/**
 * The exact order of JSON numbers of any type ({@code Long}, {@code Double}, {@code BigDecimal}): a double
 * compares by its value against a long, and by its shortest decimal text against a decimal.
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

    /** A number as a decimal; a double by its shortest decimal text, so 0.1 is 0.1. */
    public static BigDecimal decimal(Object number) {
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        return BigDecimal.valueOf((Double) number);
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
