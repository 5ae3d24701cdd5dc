package io.rulegrid.rules.internal.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deeply unmodifiable views of normalized JSON values, so rules cannot change {@code input}. */
final class ReadOnlyJson {

    private ReadOnlyJson() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> normalized) {
        return (Map<String, Object>) value(normalized);
    }

    private static Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> copy.put(k, value(v)));
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
