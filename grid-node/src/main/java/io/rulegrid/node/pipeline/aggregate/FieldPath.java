package io.rulegrid.node.pipeline.aggregate;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A field of a fact as an aggregate's {@code field} or {@code by} names it: {@code total}, or a dotted path into
 * nested objects, {@code order.customer.id}.
 */
final class FieldPath implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Pattern DOT = Pattern.compile("\\.");

    private final String text;
    private final String[] names;

    private FieldPath(String text) {
        this.text = text;
        this.names = DOT.split(text, -1);
    }

    static FieldPath of(String text) {
        return new FieldPath(text);
    }

    /** The value at the path, or {@code null} when a step is missing or not an object. */
    Object read(Map<String, ?> fact) {
        Object value = fact;
        for (String name : names) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(name);
        }
        return value;
    }

    @Override
    public String toString() {
        return text;
    }
}
