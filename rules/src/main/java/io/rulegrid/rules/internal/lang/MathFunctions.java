package io.rulegrid.rules.internal.lang;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code Math.*}, the only static access rules have. Functions keep JSON number types where Java has
 * overloads for them ({@code Math.max} of two Longs is a Long, of a Long and a Double a Double); the
 * others compute in doubles as {@link Math} does.
 */
final class MathFunctions {

    /** The functions, sorted (error messages list them). */
    static final Set<String> NAMES = Collections.unmodifiableSet(new TreeSet<>(List.of("abs", "min", "max", "round",
            "floor", "ceil", "pow", "sqrt", "signum", "floorDiv", "floorMod", "log", "log10", "exp", "hypot", "cbrt")));

    private static final BigDecimal HALF = new BigDecimal("0.5");

    private MathFunctions() {
    }

    /** The number of arguments each function takes. */
    static int arity(String name) {
        return switch (name) {
            case "min", "max", "pow", "floorDiv", "floorMod", "hypot" -> 2;
            default -> 1;
        };
    }

    static Object call(int at, String name, Object[] args) {
        for (Object arg : args) {
            if (!Values.isNumber(arg)) {
                throw new EvalException(at, "Math." + name + "() needs numbers but got " + Values.describe(arg));
            }
        }
        Object a = args[0];
        switch (name) {
            case "abs":
                return abs(at, a);
            case "min":
                return Values.compareNumbers(a, args[1]) <= 0 ? widen(a, args[1]) : widen(args[1], a);
            case "max":
                return Values.compareNumbers(a, args[1]) >= 0 ? widen(a, args[1]) : widen(args[1], a);
            case "round":
                return round(at, a);
            case "signum":
                return a instanceof Double d ? (Object) Math.signum(d) : (Object) (long) Values.compareNumbers(a, 0L);
            case "floorDiv":
            case "floorMod":
                return floorDivision(at, name, a, args[1]);
            default:
                return Values.finite(at, "Math." + name + "()", doubles(name, ((Number) a).doubleValue(),
                        args.length > 1 ? ((Number) args[1]).doubleValue() : 0));
        }
    }

    /** {@code value} in the wider of the two arguments' types, so min and max do not depend on which won. */
    private static Object widen(Object value, Object other) {
        if (value instanceof BigDecimal || other instanceof BigDecimal) {
            return Values.decimal(value);
        }
        if (other instanceof Double && value instanceof Long l) {
            return (double) l;
        }
        return value;
    }

    static Object abs(int at, Object a) {
        if (a instanceof Long l) {
            if (l == Long.MIN_VALUE) {
                throw new EvalException(at, "integer overflow in abs()");
            }
            return Math.abs(l);
        }
        if (a instanceof Double d) {
            return Math.abs(d);
        }
        return ((BigDecimal) a).abs();
    }

    private static Object round(int at, Object a) {
        if (a instanceof Long) {
            return a;
        }
        if (a instanceof Double d && (Double.isNaN(d) || Double.isInfinite(d))) {
            throw new EvalException(at, "Math.round() of " + d);
        }
        // half up towards positive infinity, as Math.round does for doubles: -2.5 rounds to -2
        if (a instanceof Double d) {
            double x = d;
            if (Math.abs(x) >= 0x1p63) {
                throw new EvalException(at, "Math.round(" + a + ") does not fit a Long");
            }
            return Math.round(x);
        }
        BigDecimal rounded = ((BigDecimal) a).add(HALF).setScale(0, RoundingMode.FLOOR);
        try {
            return rounded.longValueExact();
        } catch (ArithmeticException e) {
            throw new EvalException(at, "Math.round(" + a + ") does not fit a Long");
        }
    }

    private static Object floorDivision(int at, String name, Object a, Object b) {
        if (!(a instanceof Long x) || !(b instanceof Long y)) {
            throw new EvalException(at, "Math." + name + "() needs whole numbers but got " + Values.describe(a)
                    + " and " + Values.describe(b));
        }
        if (y == 0) {
            throw new EvalException(at, "Math." + name + "() by zero");
        }
        if (name.equals("floorMod")) {
            return Math.floorMod(x, y);
        }
        if (x == Long.MIN_VALUE && y == -1) {
            throw new EvalException(at, "integer overflow in Math.floorDiv()");
        }
        return Math.floorDiv(x, y);
    }

    private static double doubles(String name, double a, double b) {
        return switch (name) {
            case "floor" -> Math.floor(a);
            case "ceil" -> Math.ceil(a);
            case "pow" -> Math.pow(a, b);
            case "sqrt" -> Math.sqrt(a);
            case "log" -> Math.log(a);
            case "log10" -> Math.log10(a);
            case "exp" -> Math.exp(a);
            case "hypot" -> Math.hypot(a, b);
            default -> Math.cbrt(a);
        };
    }
}
