package io.rulegrid.node.pipeline;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.jet.core.ProcessorSupplier;
import com.hazelcast.map.IMap;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.node.config.PipelineConfig;
import io.rulegrid.node.internal.GridEngine;
import io.rulegrid.node.internal.execution.MemberRuleEntryProcessor;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Applies a feed's events to the grid, the pipeline's service on each member. An upsert is RuleGrid's own entry
 * processor with the event's fact: replace and evaluate in one operation on the fact's partition thread, so an
 * event never races a client's evaluation of the same fact (no read-modify-write from the job). Every event ends
 * as records to write, decisions or one dead letter; the returned future never fails, so neither does the job.
 */
public final class FactApplier {

    /** The evaluation's reply carries what the rules did; the fact itself is not needed. */
    private static final boolean RETURN_FACT = false;

    private final HazelcastInstance member;
    private final GridEngine engine;
    private final PipelineConfig pipeline;

    private FactApplier(HazelcastInstance member, PipelineConfig pipeline) {
        this.member = member;
        this.engine = GridEngine.of(member);
        this.pipeline = pipeline;
    }

    /**
     * Applies one event; the key is the stage's grouping key, which keeps one fact's events in order.
     *
     * @return the records to write: the decisions of a successful evaluation, or the event as a dead letter
     */
    public CompletableFuture<List<OutgoingRecord>> apply(String orderingKey, FeedEvent event) {
        if (event.isRefused()) {
            return CompletableFuture.completedFuture(deadLetter(event, event.refusal()));
        }
        IMap<String, HazelcastJsonValue> facts = member.getMap(event.namespace());
        CompletableFuture<List<OutgoingRecord>> applied = switch (event.op()) {
            case UPSERT -> facts.submitToKey(event.key(), new MemberRuleEntryProcessor(engine,
                            new EvaluationRequest(event.namespace(), pipeline.ruleset(), 0, null), event.factJson(),
                            RETURN_FACT))
                    .toCompletableFuture().thenApply(outcome -> evaluated(event, outcome));
            case DELETE -> facts.deleteAsync(event.key()).toCompletableFuture().thenApply(deleted -> List.of());
        };
        // the grid could not run the operation (e.g. members lost beyond the backups): the payload goes to the
        // dead-letter topic to be sent again, rather than failing the job and stopping every other event
        return applied.exceptionally(failure -> deadLetter(event, "not applied: " + cause(failure)));
    }

    private List<OutgoingRecord> evaluated(FeedEvent event, EvaluationOutcome outcome) {
        if (!outcome.succeeded()) {
            // a failed evaluation changes nothing, not even the upserted fact
            return deadLetter(event, outcome.failure().code() + ": " + outcome.error().getMessage());
        }
        return FeedOutputs.decisions(pipeline.decisionsTopic(), event, outcome, System.currentTimeMillis());
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

        private final PipelineConfig pipeline;

        public Factory(PipelineConfig pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public FactApplier applyEx(ProcessorSupplier.Context context) {
            return new FactApplier(context.hazelcastInstance(), pipeline);
        }
    }
}
