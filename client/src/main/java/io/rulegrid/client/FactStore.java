package io.rulegrid.client;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.rulegrid.api.Facts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of one namespace. Facts are JSON objects; they are stored as JSON so that members,
 * Management Center and predicates ({@code category = 'books'}) read them as such. All operations go
 * straight to the member that owns the key.
 */
public final class FactStore {

    private final IMap<String, HazelcastJsonValue> map;

    FactStore(IMap<String, HazelcastJsonValue> map) {
        this.map = map;
    }

    /** The namespace's name. */
    public String namespace() {
        return map.getName();
    }

    /**
     * Stores a fact, replacing any fact of that key.
     *
     * @throws io.rulegrid.api.MalformedFactException if the fact holds a value that is not JSON
     */
    public void put(String key, Map<String, Object> fact) {
        map.set(key, json(fact));
    }

    /**
     * Stores a fact given as JSON text.
     *
     * @throws io.rulegrid.api.MalformedFactException if the text is not a JSON object; nothing is stored
     */
    public void put(String key, String factJson) {
        put(key, Facts.parse(factJson));
    }

    /** Stores many facts, batched per member. */
    public void putAll(Map<String, Map<String, Object>> facts) {
        Map<String, HazelcastJsonValue> batch = new LinkedHashMap<>(facts.size() * 2);
        facts.forEach((key, fact) -> batch.put(key, json(fact)));
        map.putAll(batch);
    }

    /** The fact of a key, if there is one. */
    public Optional<Map<String, Object>> get(String key) {
        HazelcastJsonValue json = map.get(key);
        return json == null ? Optional.empty() : Optional.of(Facts.parse(json.getValue()));
    }

    /** Deletes a fact; true if there was one. */
    public boolean delete(String key) {
        return map.remove(key) != null;
    }

    /** The number of facts in the namespace. */
    public int size() {
        return map.size();
    }

    private static HazelcastJsonValue json(Map<String, Object> fact) {
        return new HazelcastJsonValue(Facts.toJson(Facts.normalize(fact)));
    }
}
