package io.rulegrid.client;

import java.time.Instant;

/**
 * One deployed version of a ruleset.
 *
 * @param name       the ruleset's name
 * @param version    the version number
 * @param active     whether it is the version evaluations use
 * @param sourceName the rule file's name
 * @param checksum   SHA-256 of the rule file
 * @param deployedAt when it was deployed
 * @param source     the rule file's text
 */
public record RuleSetVersionInfo(String name, int version, boolean active, String sourceName, String checksum,
                                 Instant deployedAt, String source) {
}
