package io.rulegrid.rules.internal.lang;

import io.rulegrid.rules.internal.engine.Meter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The methods rules may call, as a table per JSON value type, looked up on the actual receiver at run
 * time. A method is plain Java code here, never reached by reflection, so a rule can call nothing else;
 * every result is a JSON value, and work proportional to a value's size is charged to the budget.
 */
final class Methods {

    static final Set<String> STRING = Set.of("length", "isEmpty", "isBlank", "charAt", "substring", "indexOf",
            "lastIndexOf", "contains", "startsWith", "endsWith", "toUpperCase", "toLowerCase", "trim", "strip",
            "replace", "split", "matches", "equals", "equalsIgnoreCase", "compareTo", "compareToIgnoreCase", "concat",
            "toString");
    static final Set<String> NUMBER = Set.of("intValue", "longValue", "doubleValue", "abs", "negate", "signum",
            "compareTo", "equals", "toString");
    static final Set<String> DECIMAL = Set.of("add", "subtract", "multiply", "divide", "remainder", "max", "min",
            "pow", "setScale", "scale", "precision", "stripTrailingZeros", "toPlainString");
    static final Set<String> LIST = Set.of("size", "isEmpty", "get", "contains", "indexOf", "containsAll", "subList",
            "add", "addAll", "remove", "set", "clear", "equals");
    static final Set<String> MAP = Set.of("size", "isEmpty", "get", "getOrDefault", "containsKey", "containsValue",
            "keySet", "values", "put", "putAll", "remove", "clear", "equals");

    /** Methods that change their receiver: refused in conditions and on {@code input}. */
    static final Set<String> MUTATING = Set.of("add", "addAll", "remove", "set", "clear", "put", "putAll");

    /** Every method name of every table. */
    static final Set<String> ALL = union();

    private static final int MAX_POW = 999;

    private Methods() {
    }

    private static Set<String> union() {
        Set<String> all = new TreeSet<>();
        for (Set<String> table : List.of(STRING, NUMBER, DECIMAL, LIST, MAP)) {
            all.addAll(table);
        }
        return Set.copyOf(all);
    }

    /**
     * Calls a method.
     *
     * @param signature {@code name/arity}, built once per call site
     */
    static Object call(int at, Object receiver, String name, String signature, Object[] args, Meter meter) {
        meter.charge(1);
        try {
            if (receiver instanceof String s) {
                return string(at, s, name, signature, args, meter);
            }
            if (receiver instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> elements = (List<Object>) list;
                return list(at, elements, name, signature, args, meter);
            }
            if (receiver instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) map;
                return map(at, fields, name, signature, args, meter);
            }
            if (receiver instanceof BigDecimal d && DECIMAL.contains(name)) {
                try {
                    return decimal(at, Values.checkDecimal(at, d), name, signature, args, meter);
                } catch (ArithmeticException e) {
                    throw new EvalException(at, name + "() cannot compute this: " + e.getMessage());
                }
            }
            if (Values.isNumber(receiver)) {
                return number(at, receiver, name, signature, args, meter);
            }
            if (receiver instanceof Boolean && (name.equals("equals") || name.equals("toString"))) {
                return name.equals("equals") ? arity(at, receiver, name, args, 1) && Values.equal(receiver, args[0], meter)
                        : receiver.toString();
            }
        } catch (UnsupportedOperationException e) {
            throw new EvalException(at, "input and agg are read-only: " + name + "() cannot change them");
        }
        if (receiver == null) {
            throw new EvalException(at, "cannot call " + name + "() on null");
        }
        throw noSuchMethod(at, receiver, name, args);
    }

    private static EvalException noSuchMethod(int at, Object receiver, String name, Object[] args) {
        Set<String> table = receiver instanceof String ? STRING : receiver instanceof List ? LIST
                : receiver instanceof Map ? MAP : receiver instanceof BigDecimal ? union(NUMBER, DECIMAL)
                : Values.isNumber(receiver) ? NUMBER : Set.of("equals", "toString");
        return new EvalException(at, Values.typeName(receiver) + " has no method " + name + "() with " + args.length
                + (args.length == 1 ? " argument" : " arguments") + "; its methods: " + new TreeSet<>(table));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Checks the argument count; returns {@code true} so that it can start a condition. */
    private static boolean arity(int at, Object receiver, String name, Object[] args, int expected) {
        if (args.length != expected) {
            throw noSuchMethod(at, receiver, name, args);
        }
        return true;
    }

    // ---------------------------------------------------------------- String

    private static Object string(int at, String s, String name, String signature, Object[] args, Meter meter) {
        // comparisons, trims and scans read the whole string (or argument) at worst
        long length = s.length();
        for (Object arg : args) {
            length += arg instanceof String text ? text.length() : 0;
        }
        meter.charge(length / 64);
        switch (signature) {
            case "length/0":
                return (long) s.length();
            case "isEmpty/0":
                return s.isEmpty();
            case "isBlank/0":
                return s.isBlank();
            case "charAt/1": {
                int i = index(at, args[0], s.length(), "charAt");
                return String.valueOf(s.charAt(i));
            }
            case "substring/1": {
                int from = bound(at, args[0], s.length(), "substring");
                meter.allocate(s.length() - from);
                return s.substring(from);
            }
            case "substring/2": {
                int from = bound(at, args[0], s.length(), "substring");
                int to = bound(at, args[1], s.length(), "substring");
                if (from > to) {
                    throw new EvalException(at, "substring(" + from + ", " + to + ") has its start after its end");
                }
                meter.allocate(to - from);
                return s.substring(from, to);
            }
            case "indexOf/1":
                return (long) TextSearch.indexOf(s, text(at, args[0], name), 0, meter);
            case "indexOf/2":
                return (long) TextSearch.indexOf(s, text(at, args[0], name), intArg(at, args[1], name), meter);
            case "lastIndexOf/1":
                return (long) TextSearch.lastIndexOf(s, text(at, args[0], name), meter);
            case "contains/1":
                return TextSearch.contains(s, text(at, args[0], name), meter);
            case "startsWith/1":
                return s.startsWith(text(at, args[0], name));
            case "endsWith/1":
                return s.endsWith(text(at, args[0], name));
            case "toUpperCase/0":
                return checked(at, s.toUpperCase(Locale.ROOT), meter);
            case "toLowerCase/0":
                return checked(at, s.toLowerCase(Locale.ROOT), meter);
            case "trim/0":
                return checked(at, s.trim(), meter);
            case "strip/0":
                return checked(at, s.strip(), meter);
            case "replace/2":
                return TextSearch.replace(at, s, text(at, args[0], name), text(at, args[1], name), meter);
            case "split/1":
                return Regexes.split(at, s, text(at, args[0], name), meter);
            case "matches/1":
                return Regexes.matches(at, s, text(at, args[0], name), meter);
            case "equals/1":
                return Values.equal(s, args[0], meter);
            case "equalsIgnoreCase/1":
                return args[0] instanceof String other && s.equalsIgnoreCase(other);
            case "compareTo/1":
                return (long) s.compareTo(text(at, args[0], name));
            case "compareToIgnoreCase/1":
                return (long) s.compareToIgnoreCase(text(at, args[0], name));
            case "concat/1":
                return Values.plus(at, s, text(at, args[0], name), meter);
            case "toString/0":
                return s;
            default:
                throw noSuchMethod(at, s, name, args);
        }
    }

    /** A string a method built: within max-string, and charged to the allocation budget. */
    private static String checked(int at, String result, Meter meter) {
        Values.checkString(at, result.length(), meter);
        meter.allocate(result.length());
        return result;
    }

    private static String text(int at, Object arg, String method) {
        if (arg instanceof String s) {
            return s;
        }
        throw new EvalException(at, method + "() needs a String argument but got " + Values.describe(arg));
    }

    // ---------------------------------------------------------------- numbers

    private static Object number(int at, Object n, String name, String signature, Object[] args, Meter meter) {
        switch (signature) {
            case "intValue/0":
                return (long) ((Number) n).intValue();
            case "longValue/0":
                return ((Number) n).longValue();
            case "doubleValue/0":
                return Values.finite(at, "doubleValue()", ((Number) n).doubleValue());
            case "abs/0":
                return MathFunctions.abs(at, n);
            case "negate/0":
                return Values.negate(at, n);
            case "signum/0":
                return n instanceof Double d ? (Object) Math.signum(d) : (Object) (long) Values.compareNumbers(n, 0L);
            case "compareTo/1":
                if (!Values.isNumber(args[0])) {
                    throw new EvalException(at, "compareTo() needs a number but got " + Values.describe(args[0]));
                }
                return (long) Values.compareNumbers(n, args[0]);
            case "equals/1":
                return Values.equal(n, args[0], meter);
            case "toString/0":
                return n.toString();
            default:
                throw noSuchMethod(at, n, name, args);
        }
    }

    private static Object decimal(int at, BigDecimal d, String name, String signature, Object[] args, Meter meter) {
        switch (signature) {
            case "add/1":
                return Values.arithmetic(at, '+', d, numberArg(at, args[0], name), meter);
            case "subtract/1":
                return Values.arithmetic(at, '-', d, numberArg(at, args[0], name), meter);
            case "multiply/1":
                return Values.arithmetic(at, '*', d, numberArg(at, args[0], name), meter);
            case "divide/1":
                return Values.arithmetic(at, '/', d, Values.decimal(numberArg(at, args[0], name)), meter);
            case "remainder/1":
                return Values.arithmetic(at, '%', d, Values.decimal(numberArg(at, args[0], name)), meter);
            case "max/1":
                return Values.compareNumbers(d, numberArg(at, args[0], name)) >= 0 ? d : Values.decimal(args[0]);
            case "min/1":
                return Values.compareNumbers(d, numberArg(at, args[0], name)) <= 0 ? d : Values.decimal(args[0]);
            case "pow/1": {
                int exponent = intArg(at, args[0], name);
                if (exponent < 0 || exponent > MAX_POW || (long) d.precision() * exponent > Values.MAX_DECIMAL_DIGITS * 4L) {
                    throw new EvalException(at, "pow(" + exponent + ") is out of range: the exponent must be 0 to "
                            + MAX_POW + " and the result at most " + Values.MAX_DECIMAL_DIGITS + " digits");
                }
                return Values.checkDecimal(at, d.pow(exponent));
            }
            case "setScale/1":
                try {
                    return Values.checkDecimal(at, d.setScale(scaleArg(at, args[0]), RoundingMode.UNNECESSARY));
                } catch (ArithmeticException e) {
                    throw new EvalException(at, "setScale(" + args[0] + ") would round; give a rounding mode:"
                            + " setScale(n, \"HALF_UP\")");
                }
            case "setScale/2":
                return Values.checkDecimal(at, d.setScale(scaleArg(at, args[0]), roundingMode(at, args[1])));
            case "scale/0":
                return (long) d.scale();
            case "precision/0":
                return (long) d.precision();
            case "stripTrailingZeros/0":
                return d.stripTrailingZeros();
            case "toPlainString/0":
                return d.toPlainString();
            default:
                throw noSuchMethod(at, d, name, args);
        }
    }

    private static int scaleArg(int at, Object arg) {
        int scale = intArg(at, arg, "setScale");
        if (Math.abs(scale) > Values.MAX_DECIMAL_SCALE) {
            throw new EvalException(at, "setScale(" + scale + ") is out of range");
        }
        return scale;
    }

    private static RoundingMode roundingMode(int at, Object arg) {
        try {
            return RoundingMode.valueOf(String.valueOf(arg));
        } catch (IllegalArgumentException e) {
            throw new EvalException(at, "unknown rounding mode " + Values.describe(arg) + "; one of "
                    + List.of(RoundingMode.values()));
        }
    }

    private static Object numberArg(int at, Object arg, String method) {
        if (!Values.isNumber(arg)) {
            throw new EvalException(at, method + "() needs a number but got " + Values.describe(arg));
        }
        return arg;
    }

    private static int intArg(int at, Object arg, String method) {
        if (arg instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return (int) (long) l;
        }
        throw new EvalException(at, method + "() needs a whole number but got " + Values.describe(arg));
    }

    /** An element index: {@code 0 <= i < size}. */
    private static int index(int at, Object arg, int size, String method) {
        int i = intArg(at, arg, method);
        if (i < 0 || i >= size) {
            throw new EvalException(at, method + "(" + i + ") is out of range for a size of " + size);
        }
        return i;
    }

    /** A boundary: {@code 0 <= i <= size}. */
    private static int bound(int at, Object arg, int size, String method) {
        int i = intArg(at, arg, method);
        if (i < 0 || i > size) {
            throw new EvalException(at, method + "(" + i + ") is out of range for a length of " + size);
        }
        return i;
    }

    // ---------------------------------------------------------------- List

    private static Object list(int at, List<Object> list, String name, String signature, Object[] args, Meter meter) {
        switch (signature) {
            case "size/0":
                return (long) list.size();
            case "isEmpty/0":
                return list.isEmpty();
            case "get/1":
                return list.get(index(at, args[0], list.size(), "get"));
            case "contains/1":
                return indexOf(list, args[0], meter) >= 0;
            case "indexOf/1":
                return (long) indexOf(list, args[0], meter);
            case "containsAll/1": {
                List<?> wanted = listArg(at, args[0], name);
                meter.charge((long) wanted.size() * list.size() + 1);
                for (Object element : wanted) {
                    if (indexOf(list, element, meter) < 0) {
                        return false;
                    }
                }
                return true;
            }
            case "subList/2": {
                int from = bound(at, args[0], list.size(), name);
                int to = bound(at, args[1], list.size(), name);
                if (from > to) {
                    throw new EvalException(at, "subList(" + from + ", " + to + ") has its start after its end");
                }
                return Values.stored(at, list.subList(from, to), meter);
            }
            case "add/1":
                Values.checkSize(at, list.size() + 1L, meter);
                meter.allocate(1);
                list.add(Values.stored(at, args[0], meter));
                return true;
            case "add/2": {
                int i = bound(at, args[0], list.size(), name);
                Values.checkSize(at, list.size() + 1L, meter);
                meter.allocate(1);
                list.add(i, Values.stored(at, args[1], meter));
                return true;
            }
            case "addAll/1": {
                List<?> more = listArg(at, args[0], name);
                Values.checkSize(at, (long) list.size() + more.size(), meter);
                @SuppressWarnings("unchecked")
                List<Object> copy = (List<Object>) Values.stored(at, more, meter);
                list.addAll(copy);
                return !copy.isEmpty();
            }
            case "remove/1":
                return list.remove(index(at, args[0], list.size(), name));
            case "set/2":
                return list.set(index(at, args[0], list.size(), name), Values.stored(at, args[1], meter));
            case "clear/0":
                list.clear();
                return null;
            case "equals/1":
                return Values.equal(list, args[0], meter);
            default:
                throw noSuchMethod(at, list, name, args);
        }
    }

    private static int indexOf(List<Object> list, Object wanted, Meter meter) {
        meter.charge(list.size() + 1L);
        for (int i = 0; i < list.size(); i++) {
            if (Values.equal(list.get(i), wanted, meter)) {
                return i;
            }
        }
        return -1;
    }

    private static List<?> listArg(int at, Object arg, String method) {
        if (arg instanceof List<?> list) {
            return list;
        }
        throw new EvalException(at, method + "() needs a List but got " + Values.describe(arg));
    }

    // ---------------------------------------------------------------- Map

    private static Object map(int at, Map<String, Object> map, String name, String signature, Object[] args, Meter meter) {
        switch (signature) {
            case "size/0":
                return (long) map.size();
            case "isEmpty/0":
                return map.isEmpty();
            case "get/1":
                return map.get(key(at, args[0], name));
            case "getOrDefault/2": {
                String key = key(at, args[0], name);
                Object value = map.get(key);
                return value != null || map.containsKey(key) ? value : args[1];
            }
            case "containsKey/1":
                return map.containsKey(key(at, args[0], name));
            case "containsValue/1":
                meter.charge(map.size() + 1L);
                for (Object value : map.values()) {
                    if (Values.equal(value, args[0], meter)) {
                        return true;
                    }
                }
                return false;
            case "keySet/0":
                meter.allocate(map.size() + 1L);
                return new ArrayList<Object>(map.keySet());
            case "values/0":
                return Values.stored(at, new ArrayList<>(map.values()), meter);
            case "put/2": {
                String key = key(at, args[0], name);
                if (!map.containsKey(key)) {
                    Values.checkSize(at, map.size() + 1L, meter);
                }
                meter.allocate(1);
                return map.put(key, Values.stored(at, args[1], meter));
            }
            case "putAll/1": {
                if (!(args[0] instanceof Map<?, ?> more)) {
                    throw new EvalException(at, "putAll() needs a Map but got " + Values.describe(args[0]));
                }
                Values.checkSize(at, (long) map.size() + more.size(), meter);
                @SuppressWarnings("unchecked")
                Map<String, Object> copy = (Map<String, Object>) Values.stored(at, more, meter);
                map.putAll(copy);
                return null;
            }
            case "remove/1":
                return map.remove(key(at, args[0], name));
            case "clear/0":
                map.clear();
                return null;
            case "equals/1":
                return Values.equal(map, args[0], meter);
            default:
                throw noSuchMethod(at, map, name, args);
        }
    }

    private static String key(int at, Object arg, String method) {
        if (arg instanceof String s) {
            return s;
        }
        throw new EvalException(at, method + "() needs a String key but got " + Values.describe(arg));
    }
}
