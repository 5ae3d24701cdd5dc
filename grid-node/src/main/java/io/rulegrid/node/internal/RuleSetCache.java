package io.rulegrid.node.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rulegrid.grid.RuleSetNotFoundException;
import io.rulegrid.grid.RuleSetRecord;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This member's view of the registry. A record is compiled first and published after, as one immutable
 * entry (the record, the version in effect, the one before), so an evaluation never waits for a compile.
 * A version this member cannot compile is not published: the member keeps the version it had and
 * remembers why, for the deploy's report and {@code rulesets list}. Other versions asked for by number are
 * compiled once into a bounded cache (failures included, so a broken version is not recompiled per
 * evaluation); the active and the previous version are pinned by their entry and never evicted.
 */
final class RuleSetCache {

    /** Versions compiled on demand (evaluations of a version by number) kept at most. */
    static final int MAX_CACHED_VERSIONS = 64;

    /**
     * What this member has in effect for one ruleset.
     *
     * @param record   the latest record this member installed
     * @param active   the version evaluations run, {@code null} if none compiled here
     * @param previous the version in effect before, kept for a quick rollback
     * @param problem  why the record's active version is not in effect here, {@code null} when it is
     */
    record Entry(RuleSetRecord record, VersionedRuleSet active, VersionedRuleSet previous, String problem) {
    }

    private record CompiledKey(String name, int version, String checksum) {
    }

    /** A compiled version, or why it does not compile. */
    private record Compiled(RuleSet rules, RuleCompilationException failure) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Cache<CompiledKey, Compiled> versions = Caffeine.newBuilder().maximumSize(MAX_CACHED_VERSIONS).build();

    /**
     * Installs a record unless a newer revision is already here: compiles its active version (on the calling
     * thread, never a partition thread), then publishes it.
     *
     * @return the entry now in effect
     */
    synchronized Entry install(RuleSetRecord record) {
        Entry current = entries.get(record.name());
        if (current != null && current.record().revision() >= record.revision()) {
            return current;
        }
        RuleSetRecord.Version wanted = record.version(0).orElse(null);
        Entry installed;
        if (current != null && current.active() != null && wanted != null && current.active().version() == wanted.version()) {
            installed = new Entry(record, current.active(), current.previous(), null);
        } else if (wanted == null) {
            installed = new Entry(record, current == null ? null : current.active(),
                    current == null ? null : current.previous(), "the record has no version " + record.active());
        } else {
            Compiled compiled = compile(record.name(), wanted);
            installed = compiled.failure() == null
                    ? new Entry(record, new VersionedRuleSet(compiled.rules(), wanted.version()),
                            current == null ? null : current.active(), null)
                    : new Entry(record, current == null ? null : current.active(), current == null ? null : current.previous(),
                            "v" + wanted.version() + " does not compile on this member: " + compiled.failure().getMessage());
        }
        entries.put(record.name(), installed);
        return installed;
    }

    void remove(String name) {
        entries.remove(name);
    }

    /** Why rulesets are not in effect here as recorded, by ruleset; empty when all are. */
    Map<String, String> problems() {
        Map<String, String> problems = new TreeMap<>();
        entries.forEach((name, entry) -> {
            if (entry.problem() != null) {
                problems.put(name, entry.problem());
            }
        });
        return problems;
    }

    /**
     * A compiled version of a ruleset.
     *
     * @param version a version, or 0 for the one in effect
     * @throws RuleSetNotFoundException  if there is no such ruleset or version
     * @throws RuleCompilationException if this member cannot compile the version
     */
    VersionedRuleSet ruleSet(String name, int version) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new RuleSetNotFoundException(name, 0);
        }
        if (version == 0 || entry.active() != null && entry.active().version() == version) {
            if (entry.active() == null) {
                throw versionFailure(entry, entry.record().active());
            }
            return entry.active();
        }
        if (entry.previous() != null && entry.previous().version() == version) {
            return entry.previous();
        }
        RuleSetRecord.Version wanted = entry.record().version(version)
                .orElseThrow(() -> new RuleSetNotFoundException(name, version));
        Compiled compiled = versions.get(new CompiledKey(name, wanted.version(), wanted.checksum()),
                key -> compileUncached(wanted));
        if (compiled.failure() != null) {
            throw compiled.failure();
        }
        return new VersionedRuleSet(compiled.rules(), wanted.version());
    }

    /** Why the recorded active version is not in effect: its compile failure, from the cache. */
    private RuntimeException versionFailure(Entry entry, int version) {
        RuleSetRecord.Version wanted = entry.record().version(version).orElse(null);
        if (wanted == null) {
            return new RuleSetNotFoundException(entry.record().name(), version);
        }
        Compiled compiled = compile(entry.record().name(), wanted);
        return compiled.failure() != null ? compiled.failure() : new IllegalStateException(entry.problem());
    }

    private Compiled compile(String name, RuleSetRecord.Version wanted) {
        return versions.get(new CompiledKey(name, wanted.version(), wanted.checksum()), key -> compileUncached(wanted));
    }

    private static Compiled compileUncached(RuleSetRecord.Version version) {
        try {
            return new Compiled(RuleCompiler.compile(version.sourceName(), version.source()), null);
        } catch (RuleCompilationException e) {
            return new Compiled(null, e);
        }
    }
}
