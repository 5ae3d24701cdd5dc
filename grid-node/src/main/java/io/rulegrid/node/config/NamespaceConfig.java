package io.rulegrid.node.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * RuleGrid's options of one declared fact namespace: whether it is persisted to PostgreSQL, and how. The
 * namespace's map settings (format, backups, indexes, TTL, eviction) are Hazelcast's, in {@code hazelcast.yaml}
 * under {@code map.<namespace>}.
 *
 * @param persistent        whether the facts outlive a full cluster stop, in PostgreSQL table {@code facts_<namespace>}
 * @param writeDelaySeconds how long a change waits in the write-behind queue before it is written; changes of one
 *                          key within that time are written once (coalesced)
 * @param writeBatchSize    at most this many rows per batch written to PostgreSQL
 * @param initialLoad       whether all rows are loaded on the first use of the namespace, or each key on its own
 */
public record NamespaceConfig(boolean persistent, int writeDelaySeconds, int writeBatchSize, InitialLoad initialLoad) {

    static final int DEFAULT_WRITE_DELAY_SECONDS = 1;
    static final int DEFAULT_WRITE_BATCH_SIZE = 500;
    /** Above a day, a change is more likely lost to a full cluster stop than coalesced with a later one. */
    private static final int MAX_WRITE_DELAY_SECONDS = 86_400;
    /** PostgreSQL's bind parameters per statement are limited; batches far beyond this buy nothing. */
    private static final int MAX_WRITE_BATCH_SIZE = 10_000;

    /**
     * @throws InvalidConfigException naming the key (relative to the namespace) and the problem
     */
    public NamespaceConfig {
        if (writeDelaySeconds < 1 || writeDelaySeconds > MAX_WRITE_DELAY_SECONDS) {
            // 0 would make Hazelcast write through, on the partition thread, which is not what a fact map wants
            throw new InvalidConfigException("rulegrid config", "write-delay-seconds", "is " + writeDelaySeconds
                    + " but must be 1 to " + MAX_WRITE_DELAY_SECONDS);
        }
        if (writeBatchSize < 1 || writeBatchSize > MAX_WRITE_BATCH_SIZE) {
            throw new InvalidConfigException("rulegrid config", "write-batch-size", "is " + writeBatchSize
                    + " but must be 1 to " + MAX_WRITE_BATCH_SIZE);
        }
        if (initialLoad == null) {
            throw new InvalidConfigException("rulegrid config", "initial-load", "is empty; write EAGER or LAZY");
        }
    }

    /** A namespace kept in memory only: what {@code products: {}} declares. */
    public static NamespaceConfig inMemory() {
        return new NamespaceConfig(false, DEFAULT_WRITE_DELAY_SECONDS, DEFAULT_WRITE_BATCH_SIZE, InitialLoad.EAGER);
    }

    /** A persistent namespace with the default write-behind and load settings. */
    public static NamespaceConfig persisted() {
        return new NamespaceConfig(true, DEFAULT_WRITE_DELAY_SECONDS, DEFAULT_WRITE_BATCH_SIZE, InitialLoad.EAGER);
    }

    /** Binds the YAML keys; an absent key takes its default. */
    @JsonCreator
    static NamespaceConfig fromYaml(@JsonProperty("persistent") Boolean persistent,
                                    @JsonProperty("write-delay-seconds") Integer writeDelaySeconds,
                                    @JsonProperty("write-batch-size") Integer writeBatchSize,
                                    @JsonProperty("initial-load") InitialLoad initialLoad) {
        return new NamespaceConfig(persistent != null && persistent,
                writeDelaySeconds == null ? DEFAULT_WRITE_DELAY_SECONDS : writeDelaySeconds,
                writeBatchSize == null ? DEFAULT_WRITE_BATCH_SIZE : writeBatchSize,
                initialLoad == null ? InitialLoad.EAGER : initialLoad);
    }
}
