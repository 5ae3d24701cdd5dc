package io.rulegrid.client;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.EvaluateAllTask;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.grid.wire.RuleEntryProcessor;
import io.rulegrid.grid.wire.StatsSnapshot;
import io.rulegrid.grid.wire.StatsTask;
import io.rulegrid.grid.wire.WireTypes;
import io.rulegrid.api.Facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A connection to a RuleGrid cluster, on the Hazelcast Java client with smart routing: every call on a
 * key goes straight to the member that owns it, and evaluations run there, next to the fact, never as
 * get-evaluate-put from here. Thread-safe; share one per application and close it when done.
 *
 * <pre>{@code
 * try (RuleGridClient grid = RuleGridClient.connect("rulegrid", "127.0.0.1:5701")) {
 *     grid.rulesets().deploy(Path.of("pricing.grl"));
 *     grid.facts("products").put("sku-1", Map.of("price", 10.0, "cost", 9.9, "status", "ACTIVE"));
 *     EvaluationResult r = grid.evaluate("products", "sku-1", "pricing").resultOrThrow();
 * }
 * }</pre>
 *
 * <p>Evaluation errors reach the caller as typed {@link io.rulegrid.api.RuleGridException}s naming the
 * ruleset, rule and key; a failed evaluation changes nothing.
 */
public final class RuleGridClient implements AutoCloseable {

    /**
     * Hazelcast reports a write as done when its backup acknowledgement does not arrive in time; if the member
     * that ran it has crashed, the write is lost although it was acknowledged. With this property the call fails
     * with {@code IndeterminateOperationStateException} instead, and the caller retries (an
     * {@code upsertAndEvaluate} or a {@code put} may be repeated safely).
     */
    public static final String FAIL_ON_INDETERMINATE_STATE = "hazelcast.client.operation.fail.on.indeterminate.state";

    /** What an address looks like: {@code host:port}, or an IPv4 address. */
    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile("[^\\s:]+:\\d+|\\d{1,3}(\\.\\d{1,3}){3}");

    private final HazelcastInstance client;
    private final RuleSets rulesets;

    private RuleGridClient(HazelcastInstance client) {
        this.client = client;
        this.rulesets = new RuleSets(client);
    }

    /**
     * Connects to the members at {@code addresses} ({@code host:port}) of the named cluster.
     *
     * @throws IllegalArgumentException if no address is given, or the cluster name looks like an address (the
     *                                  two swapped: {@code connect("127.0.0.1:5701")})
     */
    public static RuleGridClient connect(String clusterName, String... addresses) {
        if (clusterName == null || clusterName.isBlank() || ADDRESS.matcher(clusterName).matches()) {
            throw new IllegalArgumentException("cluster name '" + clusterName + "' is not a cluster name"
                    + (clusterName != null && ADDRESS.matcher(clusterName).matches() ? " but an address" : "")
                    + "; call connect(clusterName, \"host:port\", ...)");
        }
        if (addresses.length == 0) {
            throw new IllegalArgumentException("connect(\"" + clusterName + "\") needs at least one member address,"
                    + " host:port");
        }
        ClientConfig config = new ClientConfig().setClusterName(clusterName);
        config.getNetworkConfig().addAddress(addresses);  // routing to every member (smart routing) is the default
        config.setProperty("hazelcast.logging.type", "slf4j");
        return connect(config);
    }

    /**
     * Connects with a full client configuration, which is left as it is: the client connects with a copy to
     * which RuleGrid's wire types are added, and where a call whose backup cannot be confirmed fails instead of
     * succeeding unless the configuration says otherwise (see {@link #FAIL_ON_INDETERMINATE_STATE}).
     */
    public static RuleGridClient connect(ClientConfig config) {
        ClientConfig copy = new ClientConfig(config);
        WireTypes.register(copy.getSerializationConfig());
        if (copy.getProperty(FAIL_ON_INDETERMINATE_STATE) == null) {
            copy.setProperty(FAIL_ON_INDETERMINATE_STATE, "true");
        }
        return new RuleGridClient(HazelcastClient.newHazelcastClient(copy));
    }

    /** The facts of a namespace; it is created with its configured options on first use. */
    public FactStore facts(String namespace) {
        return new FactStore(map(namespace));
    }

    /** The ruleset registry. */
    public RuleSets rulesets() {
        return rulesets;
    }

    /** Evaluates the active version of a ruleset over one fact, on the member that owns it. */
    public GridEvaluation evaluate(String namespace, String key, String ruleset) {
        return evaluate(namespace, key, ruleset, Map.of());
    }

    /** As {@link #evaluate(String, String, String)}, with the call's parameters ({@code input} in rules). */
    public GridEvaluation evaluate(String namespace, String key, String ruleset, Map<String, Object> input) {
        return join(evaluateAsync(namespace, key, ruleset, input), "evaluate " + key);
    }

    /** As {@link #evaluate(String, String, String, Map)}, without waiting. */
    public CompletionStage<GridEvaluation> evaluateAsync(String namespace, String key, String ruleset,
                                                         Map<String, Object> input) {
        return submit(namespace, key, new RuleEntryProcessor(new EvaluationRequest(namespace, ruleset, 0, inputJson(input)), null));
    }

    /**
     * Evaluates a ruleset over each of the given facts, in parallel on their owners. One result per key,
     * in the order of {@code keys}; a failed key carries its error and does not affect the others.
     */
    public List<GridEvaluation> evaluate(String namespace, Collection<String> keys, String ruleset,
                                         Map<String, Object> input) {
        String json = inputJson(input);
        List<CompletableFuture<GridEvaluation>> calls = new ArrayList<>(keys.size());
        for (String key : keys) {
            calls.add(submit(namespace, key, new RuleEntryProcessor(new EvaluationRequest(namespace, ruleset, 0, json), null)).toCompletableFuture());
        }
        return calls.stream().map(call -> join(call, "evaluate " + namespace)).toList();
    }

    /**
     * Replaces a fact and evaluates a ruleset over it in one atomic step on its owner. If the evaluation
     * fails, neither the upsert nor any rule change is applied.
     */
    public GridEvaluation upsertAndEvaluate(String namespace, String key, Map<String, Object> fact, String ruleset,
                                            Map<String, Object> input) {
        return join(upsertAndEvaluateAsync(namespace, key, fact, ruleset, input), "upsert and evaluate " + key);
    }

    /** As {@link #upsertAndEvaluate}, without waiting. */
    public CompletionStage<GridEvaluation> upsertAndEvaluateAsync(String namespace, String key,
                                                                  Map<String, Object> fact, String ruleset,
                                                                  Map<String, Object> input) {
        String factJson = Facts.toJson(Facts.normalize(Objects.requireNonNull(fact, "fact")));
        return submit(namespace, key, new RuleEntryProcessor(new EvaluationRequest(namespace, ruleset, 0, inputJson(input)), factJson));
    }

    /**
     * Evaluates a ruleset over every fact of a namespace that matches {@code where}, each fact on its owner,
     * in parallel. Each matching fact is evaluated once, also while partitions migrate.
     *
     * @param where a predicate in Hazelcast's SQL-like syntax, e.g. {@code category = 'books' AND price > 10};
     *              {@code null} or blank for all facts
     * @throws IllegalArgumentException if the predicate does not parse
     */
    public BulkSummary evaluateAll(String namespace, String ruleset, String where, Map<String, Object> input) {
        return join(evaluateAllAsync(namespace, ruleset, where, input), "evaluate all of " + namespace);
    }

    /** As {@link #evaluateAll}, without waiting. */
    public CompletionStage<BulkSummary> evaluateAllAsync(String namespace, String ruleset, String where,
                                                         Map<String, Object> input) {
        Predicate<String, HazelcastJsonValue> predicate = where == null || where.isBlank() ? null : Predicates.sql(where);
        CompletableFuture<BulkSummary> summary = new CompletableFuture<>();
        client.getExecutorService(GridNames.EXECUTOR).submit(
                new EvaluateAllTask(new EvaluationRequest(namespace, ruleset, 0, inputJson(input)), predicate),
                new ExecutionCallback<BulkSummary>() {
                    @Override
                    public void onResponse(BulkSummary done) {
                        summary.complete(done);
                    }

                    @Override
                    public void onFailure(Throwable failure) {
                        summary.completeExceptionally(failure);
                    }
                });
        return summary;
    }

    /** Evaluation counters and latency histograms, summed over members. */
    public StatsSnapshot stats() {
        StatsSnapshot total = new StatsSnapshot();
        client.getExecutorService(GridNames.EXECUTOR).submitToAllMembers(new StatsTask()).values()
                .forEach(part -> total.merge(Calls.await(part, "read stats")));
        return total;
    }

    /** The underlying Hazelcast client, for what RuleGrid does not wrap. */
    public HazelcastInstance hazelcast() {
        return client;
    }

    @Override
    public void close() {
        client.shutdown();
    }

    private IMap<String, HazelcastJsonValue> map(String namespace) {
        return client.getMap(GridNames.checkNamespace(namespace));
    }

    /**
     * Submits an evaluation; the returned future is completed on the client's response thread. Hazelcast would
     * run a dependent stage through the JVM's common pool, which on a two-core machine starts a thread per task.
     */
    private CompletionStage<GridEvaluation> submit(String namespace, String key, RuleEntryProcessor processor) {
        CompletableFuture<GridEvaluation> evaluation = new CompletableFuture<>();
        map(namespace).submitToKey(key, processor).whenCompleteAsync((outcome, failure) -> {
            if (failure != null) {
                evaluation.completeExceptionally(Calls.unwrap(failure, "evaluate key \"" + key + "\" in namespace \""
                        + namespace + "\""));
            } else {
                evaluation.complete(new GridEvaluation(outcome));
            }
        }, Runnable::run);
        return evaluation;
    }

    private static String inputJson(Map<String, Object> input) {
        return input == null || input.isEmpty() ? null : Facts.toJson(Facts.normalize(input));
    }

    private static <T> T join(CompletionStage<T> call, String what) {
        try {
            return call.toCompletableFuture().join();
        } catch (RuntimeException e) {
            throw Calls.unwrap(e, what);
        }
    }
}
