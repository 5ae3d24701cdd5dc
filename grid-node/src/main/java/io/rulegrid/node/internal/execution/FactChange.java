package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.grid.FactNotFoundException;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.EvaluationRequest;

import java.util.Map;

/**
 * What one evaluation starts from and what it stores besides the evaluated fact: a client's call evaluates the
 * stored fact or the fact it upserts ({@link ClientChange}); a feed's event upserts or patches ({@link FeedChange}).
 * Either way the stored fact's feed ledger ({@link GridNames#FEED_LEDGER_FIELD}) is kept out of what the rules see
 * and written back with the new fact, so that no evaluation, not even one by a client, loses it.
 */
interface FactChange {

    /**
     * The fact the rules evaluate, without the ledger.
     *
     * @throws FactNotFoundException                 when there is nothing to evaluate
     * @throws io.rulegrid.api.MalformedFactException when the stored or given fact is not a JSON object
     */
    Map<String, Object> fact(EvaluationRequest request, Map.Entry<String, HazelcastJsonValue> entry);

    /** What the rules read as {@code agg.NAME}: a feed's windowed aggregates; none for a client's evaluation. */
    default Map<String, Object> aggregates() {
        return Map.of();
    }

    /** Whether the evaluated fact is stored even when the rules left it as it was (an upsert, an event). */
    boolean storesUnchanged();

    /** What to store for the evaluated fact, given as JSON: the fact with the ledger, if any, written back. */
    String stored(String factJson, EvaluationResult result, int version);

    /** Called before a fact the rules retracted is removed: a feed's event leaves the fact's ledger behind. */
    default void retracted(EvaluationResult result, int version) {
    }

    /** The stored fact as JSON when the rules left it unchanged and nothing is written, ledger left out. */
    String unchanged(Map<String, Object> fact);
}
