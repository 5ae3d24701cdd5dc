package io.rulegrid.node.internal.execution;

import io.rulegrid.api.JsonObject;

import java.util.Map;

/** JSON merge patch (RFC 7386) on the fact form of JSON, the semantics of a feed's {@code patch} event. */
final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /**
     * Merges {@code patch} into {@code target}, in place: a {@code null} member removes the field, an object member
     * merges into an object field (or replaces a field that is no object), anything else replaces the field.
     *
     * @return {@code target}
     */
    static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> member : patch.entrySet()) {
            String name = member.getKey();
            Object value = member.getValue();
            if (value == null) {
                target.remove(name);
            } else if (value instanceof Map<?, ?> object) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nestedPatch = (Map<String, Object>) object;
                @SuppressWarnings("unchecked")
                Map<String, Object> nestedTarget = target.get(name) instanceof Map<?, ?> existing
                        ? (Map<String, Object>) existing : new JsonObject();
                target.put(name, apply(nestedTarget, nestedPatch));
            } else {
                target.put(name, value);
            }
        }
        return target;
    }
}
