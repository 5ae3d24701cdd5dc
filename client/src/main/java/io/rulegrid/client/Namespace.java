package io.rulegrid.client;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.rulegrid.api.Facts;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.grid.wire.RuleEntryProcessor;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One fact namespace on the grid: its facts, and evaluations of rulesets over them, each on the member that
 * owns the fact, never as get-evaluate-put from here. Made by {@link RuleGridClient#namespace(String)};
 * immutable and thread-safe, cheap to make and to share.
 *
 * <p>Facts are JSON objects, stored as JSON so that members, Management Center and predicates
 * ({@code category = 'books'}) read them as such. A failed evaluation changes nothing and carries a typed
 * {@link io.rulegrid.api.RuleGridException} naming the ruleset, rule, key, namespace, version and member.
 *
 * <p>Async calls return futures completed on the client's own threads ({@code rulegrid-client-…}), where
 * dependent stages without an executor also run: not on Hazelcast's I/O threads, not on the JVM's common pool.
 */
public final class Namespace {

    private final String name;
    private final IMap<String, HazelcastJsonValue> map;
    private final GridCalls calls;
    private final PartitionCalls partitions;

    Namespace(String name, GridCalls calls) {
        this.name = GridNames.checkNamespace(name);
        this.calls = calls;
        this.partitions = new PartitionCalls(calls);
        this.map = calls.hazelcast().getMap(name);
    }

    /** The namespace's name. */
    public String name() {
        return name;
    }

    /**
     * Stores a fact, replacing any fact of that key.
     *
     * @throws io.rulegrid.api.MalformedFactException if the fact holds a value that is not JSON; nothing is stored
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

    /**
     * Stores many facts, batched per member.
     *
     * @throws io.rulegrid.api.MalformedFactException if a fact holds a value that is not JSON; nothing is stored
     */
    public void putAll(Map<String, Map<String, Object>> facts) {
        Map<String, HazelcastJsonValue> batch = new LinkedHashMap<>(facts.size() * 2);
        facts.forEach((key, fact) -> batch.put(key, json(fact)));
        map.putAll(batch);
    }

    /** The fact of a key, if there is one; without the ledger a pipeline keeps in the facts it feeds. */
    public Optional<Map<String, Object>> get(String key) {
        HazelcastJsonValue json = map.get(key);
        if (json == null) {
            return Optional.empty();
        }
        Map<String, Object> fact = Facts.parse(json.getValue());
        fact.remove(GridNames.FEED_LEDGER_FIELD);
        return Optional.of(fact);
    }

    /** Deletes a fact; true if there was one. */
    public boolean delete(String key) {
        return map.remove(key) != null;
    }

    /** The number of facts in the namespace. */
    public int size() {
        return map.size();
    }

    /** Evaluates the active version of a ruleset over one fact, with no input. */
    public GridEvaluation evaluate(String key, String ruleset) {
        return evaluate(key, ruleset, EvaluationOptions.defaults());
    }

    /**
     * Evaluates a ruleset over one fact, on the member that owns it; the fact is written there if the rules
     * changed it, deleted if they retracted it. The reply carries the new fact only with
     * {@link EvaluationOptions#returnFact(boolean)}.
     *
     * @return the evaluation, failed ones included: see {@link GridEvaluation#resultOrThrow()}
     * @throws io.rulegrid.grid.RetriableGridException if the call's outcome is unknown (its member left, …)
     */
    public GridEvaluation evaluate(String key, String ruleset, EvaluationOptions options) {
        return Calls.join(evaluateAsync(key, ruleset, options), "evaluate key \"" + key + "\" in namespace \""
                + name + "\"");
    }

    /** As {@link #evaluate(String, String, EvaluationOptions)}, without waiting. */
    public CompletableFuture<GridEvaluation> evaluateAsync(String key, String ruleset, EvaluationOptions options) {
        return submit(key, new RuleEntryProcessor(request(ruleset, options), null, options.returnsFact()));
    }

    /**
     * Evaluates a ruleset over each of the given facts on their owners: one operation per partition of the keys,
     * all partitions in parallel. A key listed twice is evaluated once. As with single keys, the evaluations carry
     * the new facts only with {@link EvaluationOptions#returnFact(boolean)}.
     *
     * @return one evaluation per key, in the order of {@code keys}; a failed key carries its error and does not
     *         affect the others; the keys of a call whose outcome is unknown (its member left) carry a
     *         {@link io.rulegrid.grid.RetriableGridException}
     */
    public List<GridEvaluation> evaluate(Collection<String> keys, String ruleset, EvaluationOptions options) {
        return Calls.join(evaluateAsync(keys, ruleset, options), "evaluate keys in namespace \"" + name + "\"");
    }

    /** As {@link #evaluate(Collection, String, EvaluationOptions)}, without waiting. */
    public CompletableFuture<List<GridEvaluation>> evaluateAsync(Collection<String> keys, String ruleset,
                                                                 EvaluationOptions options) {
        List<String> keyList = keys.stream().map(key -> Objects.requireNonNull(key, "key")).toList();
        return partitions.evaluateKeys(request(ruleset, options), keyList, null, options.returnsFact());
    }

    /**
     * Replaces a fact and evaluates a ruleset over it in one atomic step on its owner. If the evaluation
     * fails, neither the upsert nor any rule change is applied. Sending it again ends in the same state. As with
     * {@code evaluate}, the reply carries the new fact only with {@link EvaluationOptions#returnFact(boolean)}.
     *
     * @throws io.rulegrid.api.MalformedFactException if the fact holds a value that is not JSON
     */
    public GridEvaluation upsertAndEvaluate(String key, Map<String, Object> fact, String ruleset,
                                            EvaluationOptions options) {
        return Calls.join(upsertAndEvaluateAsync(key, fact, ruleset, options), "upsert and evaluate key \"" + key
                + "\" in namespace \"" + name + "\"");
    }

    /** As {@link #upsertAndEvaluate}, without waiting. */
    public CompletableFuture<GridEvaluation> upsertAndEvaluateAsync(String key, Map<String, Object> fact,
                                                                    String ruleset, EvaluationOptions options) {
        String factJson = Facts.toJson(Facts.normalize(Objects.requireNonNull(fact, "fact")));
        return submit(key, new RuleEntryProcessor(request(ruleset, options), factJson, options.returnsFact()));
    }

    /**
     * Replaces many facts and evaluates a ruleset over each, each key in one atomic step on its owner as
     * {@link #upsertAndEvaluate(String, Map, String, EvaluationOptions)} does: one operation per partition of the
     * keys, all partitions in parallel.
     *
     * @param facts the facts by key; the evaluations come back in this map's iteration order
     * @return one evaluation per key; a failed key carries its error (and neither its upsert nor its rules'
     *         changes are applied); the keys of a call whose outcome is unknown carry a
     *         {@link io.rulegrid.grid.RetriableGridException}: sending them again ends in the same state
     * @throws io.rulegrid.api.MalformedFactException if a fact holds a value that is not JSON; nothing is sent
     */
    public List<GridEvaluation> upsertAndEvaluate(Map<String, Map<String, Object>> facts, String ruleset,
                                                  EvaluationOptions options) {
        return Calls.join(upsertAndEvaluateAsync(facts, ruleset, options), "upsert and evaluate " + facts.size()
                + " facts in namespace \"" + name + "\"");
    }

    /** As {@link #upsertAndEvaluate(Map, String, EvaluationOptions)}, without waiting. */
    public CompletableFuture<List<GridEvaluation>> upsertAndEvaluateAsync(Map<String, Map<String, Object>> facts,
                                                                          String ruleset, EvaluationOptions options) {
        Map<String, String> upserts = new LinkedHashMap<>(facts.size() * 2);
        facts.forEach((key, fact) -> upserts.put(Objects.requireNonNull(key, "key"),
                Facts.toJson(Facts.normalize(Objects.requireNonNull(fact, "fact of key \"" + key + "\"")))));
        return partitions.evaluateKeys(request(ruleset, options), List.copyOf(upserts.keySet()), upserts,
                options.returnsFact());
    }

    /**
     * Evaluates a ruleset over every fact of the namespace that matches {@link BulkOptions#where}: the client
     * sends one call per member with the partitions it owns; the member evaluates each partition's matching facts
     * (found with the namespace's indexes) in one operation and answers a summary, not the facts. Each matching fact is evaluated
     * once, also while partitions migrate; a partition whose owner leaves is evaluated on its new owner, once
     * (see docs/grid.md for the one case left: a crash while a backup replica is migrating).
     */
    public BulkResult evaluateAll(String ruleset, BulkOptions options) {
        return Calls.join(evaluateAllAsync(ruleset, options), "evaluate all of namespace \"" + name + "\"");
    }

    /** As {@link #evaluateAll}, without waiting. */
    public CompletableFuture<BulkResult> evaluateAllAsync(String ruleset, BulkOptions options) {
        return partitions.evaluateAll(request(ruleset, options.evaluation()), options.predicate())
                .thenApply(BulkResult::of);
    }

    private EvaluationRequest request(String ruleset, EvaluationOptions options) {
        return new EvaluationRequest(name, Objects.requireNonNull(ruleset, "ruleset"), options.version(),
                options.inputJson());
    }

    private CompletableFuture<GridEvaluation> submit(String key, RuleEntryProcessor processor) {
        return calls.<EvaluationOutcome>onKeyOwner(name, Objects.requireNonNull(key, "key"), processor,
                "evaluate key \"" + key + "\" in namespace \"" + name + "\"").thenApply(GridEvaluation::new);
    }

    private static HazelcastJsonValue json(Map<String, Object> fact) {
        return new HazelcastJsonValue(Facts.toJson(Facts.normalize(fact)));
    }

    @Override
    public String toString() {
        return "Namespace[" + name + "]";
    }
}
