package io.rulegrid.client;

import com.hazelcast.query.Predicate;
import io.rulegrid.api.RuleGridException;
import io.rulegrid.grid.RetriableGridException;
import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.EvaluateKeysTask;
import io.rulegrid.grid.wire.EvaluatePartitionsTask;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.EvaluationOutcomes;
import io.rulegrid.grid.wire.EvaluationRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Bulk and batch evaluations coordinated by the client: one call per member, with the partitions (or the keys)
 * it owns, where one operation per partition evaluates the partition's facts (see docs/grid.md, "Bulk work where the data
 * lives"). No member coordinates, so no single member's death fails the whole call.
 */
final class PartitionCalls {

    /**
     * How often a partition's part of a bulk call is sent again after a retriable failure, and how far apart: long enough
     * for the cluster to notice a killed member and promote its backups (seconds).
     */
    static final int BULK_ATTEMPTS = 60;
    static final long BULK_RETRY_DELAY_MILLIS = 500;

    private final GridCalls calls;

    PartitionCalls(GridCalls calls) {
        this.calls = calls;
    }

    /**
     * Evaluates every matching fact of every partition: one call per member, with the partitions it owns. The
     * partitions of a call that fails in a retriable way (its member left) are sent again, with the same run id,
     * to their new owners: where the lost run had reached a backup now promoted, the new owner answers that run's
     * summary instead of evaluating again.
     */
    CompletableFuture<BulkSummary> evaluateAll(EvaluationRequest request, Predicate<String, ?> where) {
        String runId = UUID.randomUUID().toString();
        List<Integer> all = new ArrayList<>();
        for (int partition = 0; partition < calls.partitionCount(); partition++) {
            all.add(partition);
        }
        CompletableFuture<BulkSummary> answer = new CompletableFuture<>();
        evaluatePartitions(request, where, runId, all, 1, answer);
        return calls.asClientFuture(answer);
    }

    /** Evaluates {@code partitions}, one call per owner, and completes {@code answer} with their summed summary. */
    private void evaluatePartitions(EvaluationRequest request, Predicate<String, ?> where, String runId,
                                    List<Integer> partitions, int attempt, CompletableFuture<BulkSummary> answer) {
        Map<UUID, List<Integer>> byOwner = new HashMap<>();
        List<Integer> ownerless = new ArrayList<>();
        for (int partition : partitions) {
            UUID owner = calls.ownerOf(partition);
            if (owner == null) {
                ownerless.add(partition);
            } else {
                byOwner.computeIfAbsent(owner, member -> new ArrayList<>()).add(partition);
            }
        }
        List<CompletableFuture<BulkSummary>> parts = new ArrayList<>(byOwner.size() + 1);
        byOwner.forEach((member, owned) -> {
            EvaluatePartitionsTask task = new EvaluatePartitionsTask(request, where,
                    owned.stream().mapToInt(Integer::intValue).toArray(), runId);
            String what = "evaluate " + owned.size() + " partitions of namespace \"" + request.namespace() + "\"";
            CompletableFuture<BulkSummary> part = new CompletableFuture<>();
            calls.<BulkSummary>onMember(member, task, what).whenComplete((summary, failure) ->
                    settle(request, where, runId, owned, attempt, summary, failure, part));
            parts.add(part);
        });
        if (!ownerless.isEmpty()) {
            CompletableFuture<BulkSummary> part = new CompletableFuture<>();
            settle(request, where, runId, ownerless, attempt, null, new RetriableGridException("partitions "
                    + ownerless + " have no owner yet (the cluster is starting or lost members)", null, null, null), part);
            parts.add(part);
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                BulkSummary total = new BulkSummary();
                parts.forEach(part -> total.merge(part.join()));
                answer.complete(total);
            }
        });
    }

    private void settle(EvaluationRequest request, Predicate<String, ?> where, String runId, List<Integer> partitions,
                        int attempt, BulkSummary summary, Throwable failure, CompletableFuture<BulkSummary> part) {
        if (failure == null) {
            part.complete(summary);
        } else if (failure instanceof RetriableGridException && attempt < BULK_ATTEMPTS) {
            calls.later(BULK_RETRY_DELAY_MILLIS, () -> evaluatePartitions(request, where, runId, partitions,
                    attempt + 1, part));
        } else {
            part.completeExceptionally(failure);
        }
    }

    /**
     * Evaluates keys, each replaced first by its fact when {@code upserts} are given: one call per member that
     * owns partitions of the keys, which runs one operation per partition. A key listed twice is evaluated once
     * (the last fact given for it is upserted). A partition that moved since the client's partition table said
     * who owns it is forwarded to its new owner by the member.
     *
     * @param upserts     the fact (JSON) per key, or {@code null} to evaluate the stored facts
     * @param returnFacts whether the evaluations carry the new facts
     * @return one evaluation per key of {@code keys}, in their order; the keys of a partition whose call failed
     *         carry the call's error, not evaluated again here (an evaluation repeated is not idempotent)
     */
    CompletableFuture<List<GridEvaluation>> evaluateKeys(EvaluationRequest request, List<String> keys,
                                                         Map<String, String> upserts, boolean returnFacts) {
        Map<UUID, Map<String, String>> byOwner = new HashMap<>();
        for (String key : keys) {
            byOwner.computeIfAbsent(owner(calls.partitionOf(key)), p -> new LinkedHashMap<>())
                    .put(key, upserts == null ? null : upserts.get(key));
        }
        List<CompletableFuture<Map<String, GridEvaluation>>> parts = new ArrayList<>(byOwner.size());
        byOwner.forEach((member, batch) -> {
            List<String> batchKeys = List.copyOf(batch.keySet());
            EvaluateKeysTask task = new EvaluateKeysTask(request, batchKeys,
                    upserts == null ? null : new ArrayList<>(batch.values()), returnFacts);
            String what = "evaluate " + batchKeys.size() + " keys in namespace \"" + request.namespace() + "\"";
            parts.add(calls.<EvaluationOutcomes>onMember(member, task, what)
                    .handle((outcomes, failure) -> byKey(request, batchKeys, outcomes, failure)));
        });
        return calls.asClientFuture(CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, GridEvaluation> evaluations = new HashMap<>(keys.size() * 2);
            parts.forEach(part -> evaluations.putAll(part.join()));
            return keys.stream().map(evaluations::get).toList();
        }));
    }

    private UUID owner(int partition) {
        UUID owner = calls.ownerOf(partition);
        if (owner == null) {
            throw new RetriableGridException("partition " + partition + " has no owner yet (the cluster is starting"
                    + " or lost members)", null, null, null);
        }
        return owner;
    }

    private static Map<String, GridEvaluation> byKey(EvaluationRequest request, List<String> keys,
                                                     EvaluationOutcomes outcomes, Throwable failure) {
        Map<String, GridEvaluation> evaluations = new HashMap<>(keys.size() * 2);
        if (failure != null) {
            RuleGridException error = Calls.unwrap(failure, "evaluate keys in namespace \"" + request.namespace() + "\"");
            keys.forEach(key -> evaluations.put(key, GridEvaluation.failedCall(request.namespace(), key,
                    request.ruleset(), error)));
            return evaluations;
        }
        for (EvaluationOutcome outcome : outcomes.outcomes()) {
            evaluations.put(outcome.key(), new GridEvaluation(outcome));
        }
        return evaluations;
    }
}
