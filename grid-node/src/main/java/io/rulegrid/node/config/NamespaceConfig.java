package io.rulegrid.node.config;

/**
 * RuleGrid's options of one declared fact namespace; none yet, declaring it is what counts. The namespace's
 * map settings (format, backups, indexes, TTL, eviction) are Hazelcast's, in {@code hazelcast.yaml} under
 * {@code map.<namespace>}.
 */
public record NamespaceConfig() {
}
