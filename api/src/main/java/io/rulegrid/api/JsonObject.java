package io.rulegrid.api;

import java.util.LinkedHashMap;

/**
 * The map type of JSON objects inside facts (see {@link Facts#normalize(Object)}): a {@code LinkedHashMap}
 * that keeps field order. Its own type lets the rule engine read an absent field of a nested object as
 * {@code null}, as it does for the fact's top-level fields, without changing how other maps behave.
 */
public final class JsonObject extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    public JsonObject() {
        super();
    }

    public JsonObject(int expectedSize) {
        super(Math.max(4, expectedSize * 2));
    }
}
