package io.rulegrid.grid;

import com.hazelcast.query.Predicate;
import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.DeployOutcome;
import io.rulegrid.grid.wire.StatsSnapshot;
import io.rulegrid.rules.EvaluationResult;

/**
 * What a member offers the entry processors and tasks that clients send it. Implemented by the member
 * ({@code grid-node}); the wire types find it in the member's user context under
 * {@link GridNames#ENGINE_CONTEXT_KEY}.
 */
public interface MemberEngine {

    /**
     * The compiled ruleset, from the member's cache; never blocks, so it is safe on a partition thread.
     *
     * @param version a version number, or 0 for the active version
     * @throws RuleSetNotFoundException if this member knows no such ruleset or version
     */
    VersionedRuleSet ruleSet(String name, int version);

    /** Records a finished evaluation in the metrics. */
    void recorded(String ruleset, EvaluationResult result);

    /** Records a failed evaluation in the metrics. */
    void failed(String ruleset, String rule);

    /**
     * Compiles and stores a new version of a ruleset and makes it active on every member; the outcome names the
     * members that do not have it in effect.
     */
    DeployOutcome deploy(String sourceName, String source);

    /** Makes an existing version active on every member. */
    DeployOutcome activate(String name, int version);

    /**
     * Reloads a ruleset record from the registry map into this member's cache.
     *
     * @return {@code ""} when this member has the record's active version in effect, else why not
     */
    String refresh(String name);

    /** The rulesets this member does not have in effect as recorded, and why, as a JSON object by ruleset. */
    String registryProblems();

    /**
     * Evaluates a ruleset over every fact of a namespace that matches a predicate, each on its owner. Runs on the
     * member that received the task, which selects the keys with one cluster-wide query and submits one entry
     * operation per key.
     */
    BulkSummary evaluateMatching(String namespace, String ruleset, int version, String inputJson,
                                 Predicate<String, ?> where);

    /** This member's counters and latency histogram. */
    StatsSnapshot stats();

    /** This member's address, as clients see it. */
    String memberAddress();
}
