package io.rulegrid.client;

import java.time.Instant;
import java.util.List;

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
 * @param problems   for the active version in {@link RuleSets#list()}: one line per member that does not have it
 *                   in effect (it keeps its previous version), with why; empty otherwise
 */
public record RuleSetVersionInfo(String name, int version, boolean active, String sourceName, String checksum,
                                 Instant deployedAt, String source, List<String> problems) {

    public RuleSetVersionInfo {
        problems = List.copyOf(problems);
    }
}
