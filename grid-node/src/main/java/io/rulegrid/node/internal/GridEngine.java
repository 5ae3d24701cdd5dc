package io.rulegrid.node.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.config.Config;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.operationservice.Operation;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.spi.exception.RetryableHazelcastException;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.PersistenceUnavailableException;
import io.rulegrid.grid.RuleSetNotFoundException;
import io.rulegrid.grid.RuleSetRecord;
import io.rulegrid.grid.wire.DeployOutcome;
import io.rulegrid.grid.wire.StatsSnapshot;
import io.rulegrid.node.internal.execution.RefreshTask;
import io.rulegrid.node.internal.execution.RegistryUpdate;
import io.rulegrid.node.persistence.PostgresUnavailableException;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The member side of RuleGrid: the ruleset cache and registry changes, partition operations of bulk
 * evaluation, and metrics. One per
 * member; the requests clients send reach it through the member's wire types
 * ({@link io.rulegrid.node.internal.execution.MemberWireTypes}), which are bound to it.
 */
public final class GridEngine {

    private static final Logger LOG = LoggerFactory.getLogger(GridEngine.class);
    private static final ObjectMapper PROBLEMS_JSON = new ObjectMapper();

    /** How long a registry change waits for every member to have it in effect. */
    private static final long REFRESH_TIMEOUT_SECONDS = 60;

    private final RuleSetCache cache = new RuleSetCache();
    private final RuleMetrics metrics = new RuleMetrics();
    private final BulkRuns bulkRuns = new BulkRuns();
    private volatile HazelcastInstance instance;
    private volatile String address = "starting";
    /** Set once the registry is loaded: partitions can migrate to a member before it has read the registry. */
    private volatile boolean registryLoaded;

    /** Where a member keeps its engine, for the code of its Jet jobs: they run on the member but are not wired to it. */
    private static final String USER_CONTEXT_KEY = GridEngine.class.getName();

    /** Makes this engine the one {@link #of} finds on the member started with {@code config}. */
    public void attachTo(Config config) {
        config.getUserContext().put(USER_CONTEXT_KEY, this);
    }

    /**
     * The engine of a RuleGrid member.
     *
     * @throws IllegalStateException if {@code member} is no RuleGrid member (started without {@link #attachTo})
     */
    public static GridEngine of(HazelcastInstance member) {
        Object engine = member.getUserContext().get(USER_CONTEXT_KEY);
        if (!(engine instanceof GridEngine gridEngine)) {
            throw new IllegalStateException("member " + member.getName() + " is no RuleGrid member: it has no"
                    + " GridEngine in its user context");
        }
        return gridEngine;
    }

    /** Attaches the engine to its started member: loads the registry and follows its changes. */
    public void start(HazelcastInstance member) {
        this.instance = member;
        this.address = member.getCluster().getLocalMember().getAddress().toString();
        IMap<String, HazelcastJsonValue> registry = registry();
        registry.addEntryListener(new RegistryListener(), true);
        for (Map.Entry<String, HazelcastJsonValue> entry : registry.entrySet()) {
            install(entry.getValue());
        }
        registryLoaded = true;
    }

    /** The member this engine runs in. */
    public HazelcastInstance member() {
        return instance;
    }

    /**
     * The compiled ruleset, from the member's cache; never blocks, so it is safe on a partition thread.
     *
     * @param version a version number, or 0 for the active version
     * @throws io.rulegrid.grid.RuleSetNotFoundException if this member knows no such ruleset or version
     * @throws RetryableHazelcastException if this member has joined but not yet loaded the registry: Hazelcast
     *                                     sends the operation again, so a fact whose partition migrated to a joining
     *                                     member is not reported as having no ruleset
     */
    public VersionedRuleSet ruleSet(String name, int version) {
        try {
            return cache.ruleSet(name, version);
        } catch (RuleSetNotFoundException e) {
            if (!registryLoaded) {
                throw new RetryableHazelcastException("member " + address + " is still loading the ruleset registry;"
                        + " ruleset \"" + name + "\" is not known here yet");
            }
            throw e;
        }
    }

    /** Records a finished evaluation in the metrics. */
    public void recorded(String ruleset, EvaluationResult result) {
        metrics.recorded(ruleset, result);
    }

    /** Records a failed evaluation in the metrics. */
    public void failed(String ruleset, String rule) {
        metrics.failed(ruleset, rule);
    }

    /**
     * Compiles and stores a new version of a ruleset and makes it active on every member; the outcome names the
     * members that do not have it in effect.
     */
    public DeployOutcome deploy(String sourceName, String source) {
        RuleSet compiled;
        try {
            compiled = RuleCompiler.compile(sourceName, source);
        } catch (RuleCompilationException e) {
            return DeployOutcome.refused(e.ruleset().orElse(sourceName), e.errors());
        }
        String name = compiled.name();
        int version = changeRegistry(name, RegistryUpdate.append(sourceName, source, System.currentTimeMillis(), address));
        List<String> problems = refreshEverywhere(name);
        LOG.info("deployed ruleset \"{}\" v{} ({} rules){}", name, version, compiled.definition().rules().size(),
                problems.isEmpty() ? "" : "; not in effect on: " + problems);
        return DeployOutcome.deployed(name, version).withMemberProblems(problems);
    }

    /** Makes an existing version active on every member. */
    public DeployOutcome activate(String name, int version) {
        int active = changeRegistry(name, RegistryUpdate.activate(version, System.currentTimeMillis(), address));
        if (active == RegistryUpdate.NO_SUCH_VERSION) {
            return DeployOutcome.notFound(name, version);
        }
        List<String> problems = refreshEverywhere(name);
        LOG.info("activated ruleset \"{}\" v{}{}", name, active, problems.isEmpty() ? "" : "; not in effect on: " + problems);
        return DeployOutcome.deployed(name, active).withMemberProblems(problems);
    }

    /**
     * Applies a registry change atomically on the record's owner; where the registry is persisted, PostgreSQL has
     * it before this returns.
     *
     * @throws PersistenceUnavailableException if PostgreSQL cannot store it (the record is unchanged)
     */
    private int changeRegistry(String name, RegistryUpdate update) {
        try {
            return registry().executeOnKey(name, update);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof PostgresUnavailableException unavailable) {
                    LOG.warn("ruleset \"{}\" not changed: {}", name, unavailable.getMessage());
                    throw new PersistenceUnavailableException(name, unavailable.getMessage());
                }
            }
            throw e;
        }
    }

    /**
     * Reloads a ruleset record from the registry map into this member's cache.
     *
     * @return {@code ""} when this member has the record's active version in effect, else why not
     */
    public String refresh(String name) {
        HazelcastJsonValue json = registry().get(name);
        if (json == null) {
            cache.remove(name);
            return "";
        }
        String problem = install(json).problem();
        return problem == null ? "" : problem;
    }

    /** The rulesets this member does not have in effect as recorded, and why, as a JSON object by ruleset. */
    public String registryProblems() {
        try {
            return PROBLEMS_JSON.writeValueAsString(cache.problems());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("registry problems cannot be written as JSON", e);
        }
    }

    /**
     * Runs a map operation on a partition (on its owner, wherever that is now); its answer comes once the
     * operation's synchronous backups confirmed it, or fails (its member left, its backups could not be
     * confirmed, …). Waited for on executor threads, never on a partition thread.
     */
    public <T> CompletableFuture<T> onPartition(int partitionId, Operation operation) {
        return nodeEngine().getOperationService().invokeOnPartition(MapService.SERVICE_NAME, operation, partitionId);
    }

    /** A key in the cluster's serialized form, as map operations take it. */
    public Data toData(Object key) {
        return nodeEngine().toData(key);
    }

    /** The partition of a serialized key. */
    public int partitionOf(Data key) {
        return nodeEngine().getPartitionService().getPartitionId(key);
    }

    /** The bulk runs this member completed, per partition. */
    public BulkRuns bulkRuns() {
        return bulkRuns;
    }

    private NodeEngine nodeEngine() {
        HazelcastInstance member = instance;
        HazelcastInstanceImpl impl = member instanceof HazelcastInstanceProxy proxy ? proxy.getOriginal()
                : (HazelcastInstanceImpl) member;
        return impl.node.getNodeEngine();
    }

    /** This member's counters and latency histogram. */
    public StatsSnapshot stats() {
        return metrics.snapshot();
    }

    /** This member's address, as clients see it. */
    public String memberAddress() {
        return address;
    }

    private IMap<String, HazelcastJsonValue> registry() {
        return instance.getMap(GridNames.RULESETS_MAP);
    }

    /** Installs a record: compiled first, then in effect; a version this member cannot compile is logged and kept out. */
    private RuleSetCache.Entry install(HazelcastJsonValue json) {
        RuleSetCache.Entry entry = cache.install(RuleSetRecord.fromJson(json));
        if (entry.problem() != null) {
            LOG.error("ruleset \"{}\": {}{}", entry.record().name(), entry.problem(), entry.active() == null ? ""
                    : "; v" + entry.active().version() + " stays in effect on this member");
        }
        return entry;
    }

    /**
     * Returns once every member has loaded the ruleset's latest record: one line per member that does not
     * have its active version in effect (it cannot compile it, left, or did not answer in time), with why.
     */
    private List<String> refreshEverywhere(String name) {
        IExecutorService executor = instance.getExecutorService(GridNames.REFRESH_EXECUTOR);
        Map<Member, Future<String>> refreshed = executor.submitToAllMembers(new RefreshTask(this, name));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Member, Future<String>> entry : refreshed.entrySet()) {
            String member = "member " + entry.getKey().getAddress();
            try {
                String problem = entry.getValue().get(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (!problem.isEmpty()) {
                    problems.add(member + ": " + problem);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + member + " loads ruleset \"" + name + "\"", e);
            } catch (ExecutionException e) {
                problems.add(member + ": did not load it: " + (e.getCause() == null ? e : e.getCause()));
            } catch (TimeoutException e) {
                problems.add(member + ": did not confirm within " + REFRESH_TIMEOUT_SECONDS + " s");
            }
        }
        return List.copyOf(problems);
    }

    /** Follows registry changes made anywhere (other members, a later MapStore load). */
    private final class RegistryListener implements EntryAddedListener<String, HazelcastJsonValue>,
            EntryUpdatedListener<String, HazelcastJsonValue>, EntryRemovedListener<String, HazelcastJsonValue> {

        @Override
        public void entryAdded(EntryEvent<String, HazelcastJsonValue> event) {
            install(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, HazelcastJsonValue> event) {
            install(event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, HazelcastJsonValue> event) {
            cache.remove(event.getKey());
        }
    }
}
