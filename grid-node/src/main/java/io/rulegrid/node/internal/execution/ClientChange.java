package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.grid.FactNotFoundException;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.EvaluationRequest;

import java.util.Map;

/**
 * A client's evaluation: of the stored fact, or of {@code upsertJson} in its place. A ledger in the upserted JSON
 * is dropped (only members write ledgers); the stored fact's ledger is kept, so that a client's upsert of a fed fact
 * does not make its pipeline apply an old event again.
 */
final class ClientChange implements FactChange {

    private final String upsertJson;
    private Object ledger;
    private String storedJson;

    /** @param upsertJson the fact replacing the stored one, or {@code null} to evaluate the stored one */
    ClientChange(String upsertJson) {
        this.upsertJson = upsertJson;
    }

    @Override
    public Map<String, Object> fact(EvaluationRequest request, Map.Entry<String, HazelcastJsonValue> entry) {
        HazelcastJsonValue stored = entry.getValue();
        if (upsertJson != null) {
            Map<String, Object> fact = Facts.parse(upsertJson);
            fact.remove(GridNames.FEED_LEDGER_FIELD);
            // only a fact fed by a pipeline has a ledger: the text test spares parsing every other stored fact
            if (stored != null && stored.getValue().contains(GridNames.FEED_LEDGER_FIELD)) {
                ledger = Facts.parse(stored.getValue()).get(GridNames.FEED_LEDGER_FIELD);
            }
            return fact;
        }
        if (stored == null) {
            throw new FactNotFoundException(request.namespace(), request.ruleset(), entry.getKey());
        }
        storedJson = stored.getValue();
        Map<String, Object> fact = Facts.parse(storedJson);
        ledger = fact.remove(GridNames.FEED_LEDGER_FIELD);
        return fact;
    }

    @Override
    public boolean storesUnchanged() {
        return upsertJson != null;
    }

    @Override
    public String stored(String factJson, EvaluationResult result, int version) {
        return FeedLedger.attach(factJson, ledger);
    }

    @Override
    public String unchanged(Map<String, Object> fact) {
        return ledger == null ? storedJson : Facts.toJson(fact);
    }
}
