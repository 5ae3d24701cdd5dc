package io.rulegrid.client;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.StatsSnapshot;
import io.rulegrid.grid.wire.StatsTask;
import io.rulegrid.grid.wire.WireTypes;

/**
 * A connection to a RuleGrid cluster, on the Hazelcast Java client with smart routing: every call on a
 * key goes straight to the member that owns it, and evaluations run there, next to the fact. Thread-safe;
 * share one per application and close it when done.
 *
 * <pre>{@code
 * try (RuleGridClient grid = RuleGridClient.builder().clusterName("rulegrid").members("127.0.0.1:5701").connect()) {
 *     grid.rulesets().deploy(Path.of("pricing.grl"));
 *     Namespace products = grid.namespace("products");
 *     products.put("sku-1", Map.of("price", 10.0, "cost", 9.9, "status", "ACTIVE"));
 *     EvaluationResult r = products.evaluate("sku-1", "pricing").resultOrThrow();
 *     BulkResult books = products.evaluateAll("pricing", BulkOptions.allFacts().where("category = 'books'"));
 * }
 * }</pre>
 *
 * <p>The client needs no JVM flag: it completes its futures on threads of its own (see {@link Namespace}),
 * which it stops on {@link #close()}.
 */
public final class RuleGridClient implements AutoCloseable {

    /**
     * Hazelcast reports a write as done when its backup acknowledgement does not arrive in time; if the member
     * that ran it has crashed, the write is lost although it was acknowledged. With this property the call fails
     * with {@code IndeterminateOperationStateException} instead (a {@link io.rulegrid.grid.RetriableGridException}
     * here), and the caller retries: an {@code upsertAndEvaluate} or a {@code put} may be repeated safely.
     */
    public static final String FAIL_ON_INDETERMINATE_STATE = "hazelcast.client.operation.fail.on.indeterminate.state";

    private final HazelcastInstance hazelcast;
    private final CompletionExecutor completions;
    private final GridCalls calls;
    private final RuleSets rulesets;
    private final Pipelines pipelines;

    private RuleGridClient(HazelcastInstance hazelcast, CompletionExecutor completions) {
        this.hazelcast = hazelcast;
        this.completions = completions;
        this.calls = new GridCalls(hazelcast, completions);
        this.rulesets = new RuleSets(hazelcast);
        this.pipelines = new Pipelines(hazelcast);
    }

    /** Starts describing a connection: {@code builder().clusterName("rulegrid").members("host:port").connect()}. */
    public static RuleGridClientBuilder builder() {
        return new RuleGridClientBuilder();
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
        CompletionExecutor completions = new CompletionExecutor();
        try {
            return new RuleGridClient(HazelcastClient.newHazelcastClient(copy), completions);
        } catch (RuntimeException e) {
            completions.close();
            throw e;
        }
    }

    /**
     * The facts of a namespace and evaluations over them. The namespace is created with its configured options
     * on first use.
     *
     * @throws IllegalArgumentException if the name is not 1-63 characters of {@code [a-z0-9_-]} starting with a
     *                                  letter
     */
    public Namespace namespace(String name) {
        return new Namespace(name, calls);
    }

    /** The ruleset registry. */
    public RuleSets rulesets() {
        return rulesets;
    }

    /**
     * The Kafka event feeds the members' {@code rulegrid.yaml} configures: their jobs' state, stop and start (see
     * {@code docs/pipelines.md}).
     */
    public Pipelines pipelines() {
        return pipelines;
    }

    /** Evaluation counters and latency histograms, summed over members. */
    public GridStats stats() {
        StatsSnapshot sum = new StatsSnapshot();
        hazelcast.getExecutorService(GridNames.EXECUTOR).submitToAllMembers(new StatsTask()).values()
                .forEach(part -> sum.merge(Calls.await(part, "read stats")));
        return GridStats.of(sum);
    }

    /** The underlying Hazelcast client, for what RuleGrid does not wrap. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Disconnects; calls still in flight fail, and their futures complete on the thread that reports it. */
    @Override
    public void close() {
        try {
            hazelcast.shutdown();
        } finally {
            completions.close();
        }
    }
}
