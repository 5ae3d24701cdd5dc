package io.rulegrid.perf;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.client.Namespace;
import io.rulegrid.rules.RuleSet;

import java.util.Map;
import java.util.function.IntFunction;

/**
 * The two ways the cluster benchmarks evaluate a fact: (a) co-located, an entry processor on the fact's owner
 * that replies without the fact, and (b) the client getting the fact, evaluating it locally and putting it back.
 */
final class EvaluationPaths {

    private EvaluationPaths() {
    }

    /** (a): {@code evaluate} on the fact's owner, with the default lean reply. */
    static TimedPhase.Call colocated(Namespace facts, IntFunction<String> key, String ruleset) {
        return i -> facts.evaluate(key.apply(i), ruleset).resultOrThrow().changed();
    }

    /**
     * (b), made as safe as (a): get, evaluate locally, and write back only if nobody changed the fact meanwhile
     * ({@code replace(key, expected, new)}), else start over. A plain {@code put} would be faster and lose
     * concurrent updates, which (a) never does.
     */
    static TimedPhase.Call getEvaluatePut(IMap<String, HazelcastJsonValue> facts, IntFunction<String> key,
                                          RuleSet local) {
        return i -> {
            String k = key.apply(i);
            for (int attempt = 0; attempt < 100; attempt++) {
                HazelcastJsonValue current = facts.get(k);
                EvaluationResult result = local.evaluate(Facts.parse(current.getValue()), Map.of());
                if (!result.changed()) {
                    return false;
                }
                if (facts.replace(k, current, new HazelcastJsonValue(Facts.toJson(result.fact())))) {
                    return true;
                }
            }
            throw new IllegalStateException("fact " + k + " in " + facts.getName()
                    + " kept changing under get-evaluate-put");
        };
    }
}
