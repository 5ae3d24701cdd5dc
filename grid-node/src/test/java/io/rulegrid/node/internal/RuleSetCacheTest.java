package io.rulegrid.node.internal;

import io.rulegrid.grid.RuleSetRecord;
import io.rulegrid.api.RuleCompilationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A member's registry cache: compiled first, published whole, a broken version never replaces a working one. */
class RuleSetCacheTest {

    private static String rules(String tier) {
        return "ruleset \"tiers\"\nrule \"a\" { when true then tier = \"" + tier + "\" }";
    }

    private static RuleSetRecord append(RuleSetRecord record, String source) {
        return RuleSetRecord.appended(record, "tiers", "tiers.grl", source, 0L);
    }

    @Test
    void versionThisMemberCannotCompileLeavesThePreviousInEffectAndSaysWhy() {
        RuleSetCache cache = new RuleSetCache();
        RuleSetRecord v1 = append(null, rules("v1"));
        cache.install(v1);

        RuleSetCache.Entry entry = cache.install(append(v1, "ruleset \"tiers\"\nrule \"a\" { when true then tier = new X() }"));

        assertThat(entry.problem()).startsWith("v2 does not compile on this member: tiers.grl:2:");
        assertThat(cache.ruleSet("tiers", 0).version()).isEqualTo(1);
        assertThat(cache.problems()).containsOnlyKeys("tiers");
        assertThatThrownBy(() -> cache.ruleSet("tiers", 2)).isInstanceOf(RuleCompilationException.class);
    }

    @Test
    void aLaterWorkingVersionClearsTheProblem() {
        RuleSetCache cache = new RuleSetCache();
        RuleSetRecord v1 = append(null, rules("v1"));
        RuleSetRecord v2 = append(v1, "ruleset \"tiers\"\nrule \"a\" { when true then tier = new X() }");
        cache.install(v1);
        cache.install(v2);

        RuleSetCache.Entry entry = cache.install(append(v2, rules("v3")));

        assertThat(entry.problem()).isNull();
        assertThat(cache.ruleSet("tiers", 0).version()).isEqualTo(3);
        assertThat(cache.problems()).isEmpty();
    }

    @Test
    void activeAndPreviousVersionsStayWhenManyOthersAreEvaluatedByNumber() {
        RuleSetCache cache = new RuleSetCache();
        RuleSetRecord record = null;
        for (int version = 1; version <= RuleSetCache.MAX_CACHED_VERSIONS * 2; version++) {
            record = append(record, rules("v" + version));
        }
        cache.install(record.withActive(1));
        RuleSetRecord activeTwo = record.withActive(1).withActive(2);
        cache.install(activeTwo);
        VersionedRuleSet active = cache.ruleSet("tiers", 0);
        VersionedRuleSet previous = cache.ruleSet("tiers", 1);

        for (int version = 3; version <= RuleSetCache.MAX_CACHED_VERSIONS * 2; version++) {
            assertThat(cache.ruleSet("tiers", version).version()).isEqualTo(version);
        }

        assertThat(cache.ruleSet("tiers", 0)).isSameAs(active);
        assertThat(cache.ruleSet("tiers", 1)).isSameAs(previous);
        assertThat(active.version()).isEqualTo(2);
    }

    @Test
    void anOlderRevisionNeverReplacesANewerOne() {
        RuleSetCache cache = new RuleSetCache();
        RuleSetRecord v1 = append(null, rules("v1"));
        RuleSetRecord v2 = append(v1, rules("v2"));
        cache.install(v2);

        cache.install(v1);

        assertThat(cache.ruleSet("tiers", 0).version()).isEqualTo(2);
    }
}
