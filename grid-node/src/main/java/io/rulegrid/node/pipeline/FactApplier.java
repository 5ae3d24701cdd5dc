package io.rulegrid.node.pipeline;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.jet.core.ProcessorSupplier;
import com.hazelcast.map.IMap;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.node.config.PipelineConfig;
import io.rulegrid.node.internal.GridEngine;
import io.rulegrid.node.internal.execution.AppliedEvent;
import io.rulegrid.node.internal.execution.CommittedOffsetsMerge;
import io.rulegrid.node.internal.execution.FeedEventProcessor;
import io.rulegrid.node.internal.execution.FeedTombstoneKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Applies a feed's events to the grid, the pipeline's service on each member. Each event is one
 * {@link FeedEventProcessor} on the fact's partition: the upsert or patch and its evaluation in one operation on
 * the partition thread, so an event never races a client's evaluation of the same fact (no read-modify-write from
 * the job). Under exactly-once the fact's ledger makes applying an event idempotent, so an event is simply sent
 * again when the grid could not say whether it ran; an event that deletes its fact (or fails on a missing one) has
 * the fact's tombstone written here first ({@link AppliedEvent.Status#WRITE_TOMBSTONE}). Every event ends as records to write, decisions or one dead
 * letter; the returned future never fails, so neither does the job.
 */
public final class FactApplier {

    private static final Logger LOG = LoggerFactory.getLogger(FactApplier.class);
    /** How often a member rereads the offsets the pipeline committed (they only prune ledgers). */
    private static final long COMMITTED_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Attempts at an event the grid could not run (members leaving, partitions migrating) before its dead letter. */
    private static final int ATTEMPTS = 4;
    private static final long RETRY_DELAY_MILLIS = 1_000;
    /**
     * How long the ledger of a fact the feed deleted is kept: far longer than a job takes to restart from its last
     * snapshot and read again the events after it, the only events a tombstone is for.
     */
    private static final Duration TOMBSTONE_TTL = Duration.ofHours(1);

    private final HazelcastInstance member;
    private final GridEngine engine;
    private final String name;
    private final PipelineConfig pipeline;
    private final IMap<String, HazelcastJsonValue> committedOffsets;
    private final IMap<FeedTombstoneKey, HazelcastJsonValue> tombstones;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** The last event of each fact still being applied on this member. */
    private final ConcurrentHashMap<String, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
    private volatile Map<String, Long> committed = Map.of();
    private volatile long refreshedAt = System.nanoTime() - COMMITTED_REFRESH_NANOS;

    private FactApplier(HazelcastInstance member, String name, PipelineConfig pipeline) {
        this.member = member;
        this.engine = GridEngine.of(member);
        this.name = name;
        this.pipeline = pipeline;
        this.committedOffsets = member.getMap(GridNames.PIPELINE_OFFSETS_MAP);
        this.tombstones = member.getMap(GridNames.FEED_TOMBSTONES_MAP);
    }

    /**
     * Applies one event; the key is the stage's grouping key, which keeps one fact's events in order.
     *
     * @return the records to write: the decisions of an applied event, or the event as a dead letter
     */
    public CompletableFuture<List<OutgoingRecord>> apply(String orderingKey, FeedEvent event) {
        if (event.isRefused()) {
            return CompletableFuture.completedFuture(deadLetter(event, event.refusal()));
        }
        // one event of a fact at a time, the next sent only when the previous one is done, retries included: an event
        // overtaken by a later one of its source would find itself in the ledger and be skipped
        CompletableFuture<List<OutgoingRecord>> applied = new CompletableFuture<>();
        CompletableFuture<?> previous = inFlight.put(orderingKey, applied);
        (previous == null ? CompletableFuture.completedFuture(null) : previous.handle((records, failure) -> null))
                .thenCompose(ignored -> attempt(event, 1))
                .whenComplete((records, failure) -> {
                    inFlight.remove(orderingKey, applied);
                    // attempt() answers every failure of the grid; what is left is this member shutting down
                    applied.complete(failure == null ? records : deadLetter(event, "not applied: " + cause(failure)));
                });
        return applied;
    }

    private CompletableFuture<List<OutgoingRecord>> attempt(FeedEvent event, int attempt) {
        // without exactly-once, facts keep no ledger and an event delivered again is applied again
        String source = pipeline.exactlyOnce() ? event.source() : null;
        FeedEventProcessor processor = new FeedEventProcessor(engine,
                new EvaluationRequest(event.namespace(), pipeline.ruleset(), 0, null), event.op(), event.factJson(),
                source, event.origin().offset(), source == null ? -1 : committed(source), event.aggregatesJson());
        IMap<String, HazelcastJsonValue> facts = member.getMap(event.namespace());
        return facts.submitToKey(event.key(), processor).toCompletableFuture()
                .thenCompose(applied -> applied.status() == AppliedEvent.Status.WRITE_TOMBSTONE
                        ? tombstoneThenAgain(facts, event, processor, applied)
                        : CompletableFuture.completedFuture(applied))
                .thenApply(applied -> outcome(event, applied))
                .handle((records, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(records);
                    }
                    if (attempt < ATTEMPTS && member.getLifecycleService().isRunning()) {
                        LOG.debug("pipeline {}: event at {}@{} not applied ({}), attempt {} of {}", name,
                                event.source(), event.origin().offset(), failure, attempt, ATTEMPTS);
                        return CompletableFuture.supplyAsync(() -> null,
                                        CompletableFuture.delayedExecutor(RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS))
                                .thenCompose(ignored -> attempt(event, attempt + 1));
                    }
                    // the grid could not run it (e.g. members lost beyond the backups): the payload goes to the
                    // dead-letter topic to be sent again, rather than failing the job and stopping every other event
                    return CompletableFuture.completedFuture(deadLetter(event, "not applied: " + cause(failure)));
                })
                .thenCompose(records -> records);
    }

    /**
     * Writes the fact's tombstone, acknowledged by its backup, then sends the event again: it removes the fact, or
     * fails as the tombstone recorded.
     */
    private CompletableFuture<AppliedEvent> tombstoneThenAgain(IMap<String, HazelcastJsonValue> facts, FeedEvent event,
                                                                FeedEventProcessor processor, AppliedEvent asked) {
        return tombstones.setAsync(new FeedTombstoneKey(event.namespace(), event.key()),
                        new HazelcastJsonValue(asked.tombstoneJson()), TOMBSTONE_TTL.toMillis(), TimeUnit.MILLISECONDS)
                .toCompletableFuture()
                .thenCompose(written -> facts.submitToKey(event.key(), processor.withTombstone(asked))
                        .toCompletableFuture());
    }

    private List<OutgoingRecord> outcome(FeedEvent event, AppliedEvent applied) {
        if (applied.status() == AppliedEvent.Status.FAILED) {
            // a failed evaluation changes nothing, not even the upserted fact
            return deadLetter(event, applied.failure());
        }
        return FeedOutputs.decisions(pipeline.decisionsTopic(), pipeline.ruleset(), event, applied);
    }

    /** The offset up to which the pipeline committed the decisions of {@code source}, as last read; or -1. */
    private long committed(String source) {
        if (System.nanoTime() - refreshedAt > COMMITTED_REFRESH_NANOS && refreshing.compareAndSet(false, true)) {
            committedOffsets.getAsync(name).whenComplete((record, failure) -> {
                if (failure == null) {
                    committed = CommittedOffsetsMerge.read(record);
                } else {
                    LOG.warn("pipeline {}: could not read its committed offsets: {}", name, failure.toString());
                }
                refreshedAt = System.nanoTime();
                refreshing.set(false);
            });
        }
        return committed.getOrDefault(source, -1L);
    }

    private List<OutgoingRecord> deadLetter(FeedEvent event, String reason) {
        return List.of(FeedOutputs.deadLetter(pipeline.deadLetterTopic(), event.origin(), reason));
    }

    private static String cause(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause.toString();
    }

    /** Creates the member's applier when the job starts there; serializable, it travels with the job. */
    public static final class Factory implements FunctionEx<ProcessorSupplier.Context, FactApplier> {

        private static final long serialVersionUID = 1L;

        private final String name;
        private final PipelineConfig pipeline;

        public Factory(String name, PipelineConfig pipeline) {
            this.name = name;
            this.pipeline = pipeline;
        }

        @Override
        public FactApplier applyEx(ProcessorSupplier.Context context) {
            return new FactApplier(context.hazelcastInstance(), name, pipeline);
        }
    }
}
