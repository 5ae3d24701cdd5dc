package io.rulegrid.rules.internal.engine;

import io.rulegrid.api.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Deeply unmodifiable views of normalized JSON values, so rules cannot change {@code input}. */
final class ReadOnlyJson {

    /** The input of calls without one. */
    static final Map<String, Object> EMPTY = Collections.unmodifiableMap(new JsonObject());

    private ReadOnlyJson() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> normalized) {
        return (Map<String, Object>) value(normalized);
    }

    private static Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            JsonObject copy = new JsonObject(map.size());
            map.forEach((k, v) -> copy.put((String) k, value(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(value(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
