package io.rulegrid.node.config;

/** When a persistent namespace's facts come back from PostgreSQL into the grid. */
public enum InitialLoad {
    /**
     * Every row is loaded when the namespace is first used in the cluster, before any call on it is answered. A fact
     * missing from the grid is then missing
     * from the table too, so evaluations and upserts never wait for PostgreSQL (unless the namespace's map can
     * evict or expire entries, see {@code docs/persistence.md}).
     */
    EAGER,
    /** Rows are loaded one key at a time, when a call first needs the fact: a fast start, a read on each miss. */
    LAZY
}
