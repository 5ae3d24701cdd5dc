package io.rulegrid.node.internal.execution;

/** What a feed's event does to its fact. Its ordinal travels on the wire: append, never reorder. */
public enum EventOp {
    /** Replaces the fact (or creates it), then evaluates the pipeline's ruleset on it. */
    UPSERT,
    /** Removes the fact; nothing is evaluated. */
    DELETE,
    /**
     * Merges the event's object into the stored fact (JSON merge patch, RFC 7386: a {@code null} removes a field,
     * objects merge field by field, anything else replaces), then evaluates; there must be a stored fact.
     */
    PATCH
}
