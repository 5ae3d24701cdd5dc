package io.rulegrid.node.internal;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.query.Predicate;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.MemberEngine;
import io.rulegrid.grid.RuleSetRecord;
import io.rulegrid.grid.VersionedRuleSet;
import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.DeployOutcome;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.RefreshTask;
import io.rulegrid.grid.wire.RegistryUpdate;
import io.rulegrid.grid.wire.RuleEntryProcessor;
import io.rulegrid.grid.wire.StatsSnapshot;
import io.rulegrid.rules.EvaluationResult;
import io.rulegrid.rules.RuleCompilationException;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleGridException;
import io.rulegrid.rules.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The member side of RuleGrid: the ruleset cache and registry changes, bulk evaluation of local facts,
 * and metrics. One per member, found by entry processors and tasks in the member's user context.
 */
public final class GridEngine implements MemberEngine {

    private static final Logger LOG = LoggerFactory.getLogger(GridEngine.class);

    /** How long a registry change waits for every member to have it in effect. */
    private static final long REFRESH_TIMEOUT_SECONDS = 60;

    /** Bulk evaluation keeps at most this many entry operations in flight. */
    private static final int BULK_WINDOW = 512;

    private final RuleSetCache cache = new RuleSetCache();
    private final RuleMetrics metrics = new RuleMetrics();
    private volatile HazelcastInstance instance;
    private volatile String address = "starting";

    /** Attaches the engine to its started member: loads the registry and follows its changes. */
    public void start(HazelcastInstance member) {
        this.instance = member;
        this.address = member.getCluster().getLocalMember().getAddress().toString();
        IMap<String, HazelcastJsonValue> registry = registry();
        registry.addEntryListener(new RegistryListener(), true);
        for (Map.Entry<String, HazelcastJsonValue> entry : registry.entrySet()) {
            install(entry.getValue());
        }
    }

    @Override
    public VersionedRuleSet ruleSet(String name, int version) {
        return cache.ruleSet(name, version);
    }

    @Override
    public void recorded(String ruleset, EvaluationResult result) {
        metrics.recorded(ruleset, result);
    }

    @Override
    public void failed(String ruleset, String rule) {
        metrics.failed(ruleset, rule);
    }

    @Override
    public DeployOutcome deploy(String sourceName, String source) {
        RuleSet compiled;
        try {
            compiled = RuleCompiler.compile(sourceName, source);
        } catch (RuleCompilationException e) {
            return DeployOutcome.refused(e.ruleset().orElse(sourceName), e.errors());
        }
        String name = compiled.name();
        int version = registry().executeOnKey(name, RegistryUpdate.append(sourceName, source, System.currentTimeMillis()));
        refreshEverywhere(name);
        LOG.info("deployed ruleset \"{}\" v{} ({} rules)", name, version, compiled.definition().rules().size());
        return DeployOutcome.deployed(name, version);
    }

    @Override
    public DeployOutcome activate(String name, int version) {
        int active = registry().executeOnKey(name, RegistryUpdate.activate(version));
        if (active == RegistryUpdate.NO_SUCH_VERSION) {
            return DeployOutcome.notFound(name, version);
        }
        refreshEverywhere(name);
        LOG.info("activated ruleset \"{}\" v{}", name, active);
        return DeployOutcome.deployed(name, active);
    }

    @Override
    public void refresh(String name) {
        HazelcastJsonValue json = registry().get(name);
        if (json == null) {
            cache.remove(name);
        } else {
            install(json);
        }
    }

    @Override
    public BulkSummary evaluateMatching(String namespace, String ruleset, int version, String inputJson,
                                        Predicate<String, ?> where) {
        IMap<String, HazelcastJsonValue> facts = instance.getMap(GridNames.checkNamespace(namespace));
        @SuppressWarnings("unchecked")
        Predicate<String, HazelcastJsonValue> predicate = (Predicate<String, HazelcastJsonValue>) where;
        Set<String> keys = predicate == null ? facts.keySet() : facts.keySet(predicate);
        BulkSummary summary = new BulkSummary();
        // a bounded window of entry operations, drained oldest first: completion callbacks would each cost a
        // thread start where the JVM's common pool has a single thread (two cores)
        Deque<Map.Entry<String, CompletionStage<EvaluationOutcome>>> window = new ArrayDeque<>(BULK_WINDOW);
        for (String key : keys) {
            if (window.size() == BULK_WINDOW) {
                count(window.poll(), summary);
            }
            window.add(Map.entry(key,
                    facts.submitToKey(key, new RuleEntryProcessor(namespace, ruleset, version, inputJson, null))));
        }
        while (!window.isEmpty()) {
            count(window.poll(), summary);
        }
        return summary;
    }

    /** Adds one evaluation to the summary; a call that failed (its member crashed mid-call) counts as an error. */
    private static void count(Map.Entry<String, CompletionStage<EvaluationOutcome>> call, BulkSummary summary) {
        try {
            summary.add(call.getValue().toCompletableFuture().join());
        } catch (CompletionException | CancellationException e) {
            summary.addFailure("key \"" + call.getKey() + "\": " + (e.getCause() == null ? e : e.getCause()));
        }
    }

    @Override
    public StatsSnapshot stats() {
        return metrics.snapshot();
    }

    @Override
    public String memberAddress() {
        return address;
    }

    private IMap<String, HazelcastJsonValue> registry() {
        return instance.getMap(GridNames.RULESETS_MAP);
    }

    private void install(HazelcastJsonValue json) {
        RuleSetRecord record = RuleSetRecord.fromJson(json);
        try {
            cache.install(record);
        } catch (RuleGridException e) {
            // a record this build cannot compile stays out of the cache; evaluations of it fail with "not deployed"
            LOG.error("ruleset \"{}\" v{} does not compile on this member: {}", record.name(), record.active(),
                    e.getMessage());
        }
    }

    /** Returns once every member has the ruleset's latest record in effect. */
    private void refreshEverywhere(String name) {
        IExecutorService executor = instance.getExecutorService(GridNames.REFRESH_EXECUTOR);
        Map<Member, Future<Boolean>> refreshed = executor.submitToAllMembers(new RefreshTask(name));
        for (Map.Entry<Member, Future<Boolean>> entry : refreshed.entrySet()) {
            try {
                entry.getValue().get(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while member " + entry.getKey() + " loads ruleset \""
                        + name + "\"", e);
            } catch (ExecutionException | TimeoutException e) {
                // the member left or is stuck: it loads the registry when it (re)joins, so the change stands
                LOG.warn("member {} did not confirm ruleset \"{}\": {}", entry.getKey(), name, e.toString());
            }
        }
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
