package io.rulegrid.node.pipeline;

/** What an event does to its fact. */
public enum EventOp {
    /** Replaces the fact (or creates it), then evaluates the pipeline's ruleset on it. */
    UPSERT,
    /** Removes the fact; nothing is evaluated. */
    DELETE
}
