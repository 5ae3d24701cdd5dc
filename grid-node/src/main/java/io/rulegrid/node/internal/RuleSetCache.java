package io.rulegrid.node.internal;

import io.rulegrid.grid.RuleSetNotFoundException;
import io.rulegrid.grid.RuleSetRecord;
import io.rulegrid.grid.VersionedRuleSet;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This member's view of the registry: the latest record of each ruleset, and each version compiled once
 * (keyed by name, version and checksum). Reads never block, so entry processors use it on partition threads.
 */
final class RuleSetCache {

    private record CompiledKey(String name, int version, String checksum) {
    }

    private final Map<String, RuleSetRecord> records = new ConcurrentHashMap<>();
    private final Map<CompiledKey, RuleSet> compiled = new ConcurrentHashMap<>();

    /** Installs a record unless a newer revision of it is already here; compiles its active version. */
    void install(RuleSetRecord record) {
        RuleSetRecord installed = records.merge(record.name(), record,
                (current, offered) -> offered.revision() > current.revision() ? offered : current);
        if (installed == record) {
            compiledVersion(record, 0);
        }
    }

    void remove(String name) {
        records.remove(name);
    }

    /**
     * A compiled version of a ruleset.
     *
     * @param version a version, or 0 for the active one
     * @throws RuleSetNotFoundException if there is no such ruleset or version
     */
    VersionedRuleSet ruleSet(String name, int version) {
        RuleSetRecord record = records.get(name);
        if (record == null) {
            throw new RuleSetNotFoundException(name, 0);
        }
        return compiledVersion(record, version);
    }

    private VersionedRuleSet compiledVersion(RuleSetRecord record, int version) {
        RuleSetRecord.Version wanted = record.version(version)
                .orElseThrow(() -> new RuleSetNotFoundException(record.name(), version));
        RuleSet rules = compiled.computeIfAbsent(
                new CompiledKey(record.name(), wanted.version(), wanted.checksum()),
                key -> RuleCompiler.compile(wanted.sourceName(), wanted.source()));
        return new VersionedRuleSet(rules, wanted.version());
    }
}
