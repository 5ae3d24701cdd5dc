package io.rulegrid.grid;

import java.util.regex.Pattern;

/** Names members and clients agree on. */
public final class GridNames {

    /** The IMap of ruleset records, keyed by ruleset name. */
    public static final String RULESETS_MAP = "rulegrid.rulesets";

    /** The executor that runs registry, bulk-evaluation and stats tasks on members. */
    public static final String EXECUTOR = "rulegrid.tasks";

    /**
     * The executor of {@code RefreshTask}s, apart from {@link #EXECUTOR}: a deploy running on a task thread
     * waits for every member's refresh, which must never queue behind it.
     */
    public static final String REFRESH_EXECUTOR = "rulegrid.refresh";

    /**
     * The field of a stored fact that records the Kafka events applied to it (the feed ledger), so that an event
     * delivered again is not applied twice. Members keep it out of what rules see; clients keep it out of what
     * they return. Its name is no RGL identifier, so no rule can name it.
     */
    public static final String FEED_LEDGER_FIELD = "@rulegrid:feed";

    /** The IMap of the source offsets up to which each pipeline's decisions are committed, keyed by pipeline. */
    public static final String PIPELINE_OFFSETS_MAP = "rulegrid.pipeline-offsets";

    /**
     * The IMap of the feed's tombstones: the ledger of each fact a pipeline deleted, kept for a while in the fact's
     * partition, so that the events before the delete, read again after a failure, are not applied again to a fact
     * that is no longer there. Only members read and write it.
     */
    public static final String FEED_TOMBSTONES_MAP = "rulegrid.feed-tombstones";

    /** What the Jet job of a pipeline is named after: {@code rulegrid-pipeline-<name>}. */
    private static final String PIPELINE_JOB_PREFIX = "rulegrid-pipeline-";

    /** Namespace names: lower-case, so that they never clash with the {@code rulegrid.} maps. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    private GridNames() {
    }

    /** The name of a pipeline's Jet job: members submit it under this name, clients find it by it. */
    public static String pipelineJob(String pipeline) {
        return PIPELINE_JOB_PREFIX + pipeline;
    }

    /**
     * Checks a fact namespace name.
     *
     * @throws IllegalArgumentException if it is not 1–63 characters of {@code [a-z0-9_-]} starting with a letter
     */
    public static String checkNamespace(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace '" + namespace
                    + "' is not valid; use 1-63 characters a-z, 0-9, '_' or '-', starting with a letter");
        }
        return namespace;
    }
}
