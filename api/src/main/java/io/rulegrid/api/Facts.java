package io.rulegrid.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Facts are JSON objects held as {@code Map<String, Object>} whose values are {@code String}, {@code Long},
 * {@code Double}, {@code BigDecimal} (for numbers a long or a double cannot hold exactly), {@code Boolean},
 * {@code null}, {@code List} and {@code Map}. This class converts between JSON text and that form.
 */
public final class Facts {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** The most digits of a number in a fact (JSON text is held to the same by the parser). */
    public static final int MAX_DIGITS = 1_000;

    /** The deepest nesting of a fact; deeper values are refused instead of exhausting the stack. */
    public static final int MAX_DEPTH = 500;

    private Facts() {
    }

    /**
     * Parses a JSON object.
     *
     * @throws MalformedFactException if the text is not a single JSON object; the message says where
     */
    public static Map<String, Object> parse(String json) {
        Object value = parseValue(json);
        if (!(value instanceof Map)) {
            throw new MalformedFactException("a fact must be a JSON object but was "
                    + (value == null ? "null" : jsonKind(value)), null);
        }
        return asObject(value);
    }

    /**
     * Parses any JSON value into its fact form (see {@link #normalize(Object)}).
     *
     * @throws MalformedFactException if the text is not a single JSON value; the message says where
     */
    public static Object parseValue(String json) {
        // a single pass over Jackson's tokens into the fact form: no intermediate tree to copy, and decimals
        // become doubles without a BigDecimal when their digits say the double is exact (below)
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedFactException("malformed JSON: no value" + locationOf(parser), null);
            }
            Object value = read(parser, first, 0);
            if (parser.nextToken() != null) {
                throw new MalformedFactException("malformed JSON: more content after the value"
                        + locationOf(parser), null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedFactException("malformed JSON: " + e.getOriginalMessage() + locationOf(e), e);
        } catch (IOException e) {
            throw new MalformedFactException("malformed JSON: " + e.getMessage(), e);
        }
    }

    private static Object read(JsonParser parser, JsonToken token, int depth) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                checkDepth(depth);
                JsonObject object = new JsonObject();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.put(name, read(parser, parser.nextToken(), depth + 1));
                }
                return object;
            }
            case START_ARRAY -> {
                checkDepth(depth);
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    list.add(read(parser, next, depth + 1));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = parser.getNumberType();
                return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
                        ? (Object) parser.getLongValue() : normalizeNumber(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return decimal(parser.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new MalformedFactException("malformed JSON: unexpected " + token + locationOf(parser),
                    null);
        }
    }

    /**
     * A JSON number with a fraction or an exponent, as {@link #normalizeNumber} reads it. A plain decimal of at most
     * 15 significant digits is exactly the double nearest to it written back (a double holds 15 decimal digits
     * without loss), so it needs no BigDecimal; exponents (which can make a whole number) and longer decimals take
     * the exact way.
     */
    private static Object decimal(String text) {
        int digits = 0;
        boolean significant = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return normalizeNumber(new BigDecimal(text));
            }
            if (c >= '1' && c <= '9') {
                significant = true;
            }
            if (significant && c >= '0' && c <= '9') {
                digits++;
            }
        }
        if (digits > 15) {
            return normalizeNumber(new BigDecimal(text));
        }
        double value = Double.parseDouble(text);
        // BigDecimal has no negative zero, and neither have facts
        return value == 0.0 ? 0.0 : value;
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new MalformedFactException("a JSON value nested deeper than " + MAX_DEPTH
                    + " levels (or containing itself) is not accepted", null);
        }
    }

    /** Writes a fact, or any JSON value, as compact JSON text. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new MalformedFactException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The JSON form of a value: numbers written without a fraction as {@code Long} (or {@code BigDecimal} beyond
     * a long), other numbers as {@code Double} unless that loses digits (then {@code BigDecimal}), arrays as lists, maps copied with string keys.
     * Containers are always copied, so the result shares no mutable state with the argument.
     *
     * @throws MalformedFactException if the value holds something that is not a JSON value
     */
    public static Object normalize(Object value) {
        return normalize(value, 0);
    }

    private static Object normalize(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Number number) {
            return normalizeNumber(number);
        }
        if (value instanceof Map || value instanceof Collection || value instanceof Object[]) {
            checkDepth(depth);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new JsonObject(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new MalformedFactException("a JSON object key must be a string but was "
                            + (entry.getKey() == null ? "null" : entry.getKey().getClass().getSimpleName()), null);
                }
                copy.put(key, normalize(entry.getValue(), depth + 1));
            }
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(normalize(element, depth + 1));
            }
            return copy;
        }
        if (value instanceof Object[] array) {
            return normalize(java.util.Arrays.asList(array), depth);
        }
        if (value instanceof Character || value instanceof CharSequence) {
            return value.toString();
        }
        throw new MalformedFactException("a " + value.getClass().getName() + " is not a JSON value", null);
    }

    /** Deep equality of JSON values, with numbers equal when numerically equal. */
    public static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !deepEquals(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object normalized) {
        return (Map<String, Object>) normalized;
    }

    private static Object normalizeNumber(Number number) {
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new MalformedFactException("a JSON number must be finite but was " + d, null);
            }
            return d;
        }
        BigDecimal exact = number instanceof BigDecimal bd ? bd
                : number instanceof BigInteger bi ? new BigDecimal(bi) : new BigDecimal(number.toString());
        if (exact.precision() > MAX_DIGITS) {
            throw new MalformedFactException("a number of " + exact.precision() + " digits is not accepted; at most "
                    + MAX_DIGITS, null);
        }
        if (exact.scale() <= 0) {
            try {
                return exact.longValueExact();
            } catch (ArithmeticException tooBig) {
                return exact;
            }
        }
        double d = exact.doubleValue();
        return !Double.isInfinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0 ? (Object) d : exact;
    }

    private static int compareNumbers(Number x, Number y) {
        if ((x instanceof Long || x instanceof Integer) && (y instanceof Long || y instanceof Integer)) {
            return Long.compare(x.longValue(), y.longValue());
        }
        if (x instanceof Double && y instanceof Double) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return toBigDecimal(x).compareTo(toBigDecimal(y));
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal bd) {
            return bd;
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(Double.toString(n.doubleValue()));
        }
        return new BigDecimal(n.toString());
    }

    private static String jsonKind(Object value) {
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a number";
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String locationOf(JsonParser parser) {
        return " at line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr();
    }
}
