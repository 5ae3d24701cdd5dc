package io.rulegrid.rules.internal.engine;

import io.rulegrid.api.Facts;
import io.rulegrid.rules.RuleCompiler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An evaluation visits only the rules that can match the fact, so cost follows matches, not rule count. */
class RuleIndexTest {

    private static CompiledRuleSet rules(String body) {
        return (CompiledRuleSet) RuleCompiler.compile("index.grl", "ruleset \"index\"\n" + body);
    }

    private static CompiledRuleSet thousandRulesTenPerCategory() {
        StringBuilder rgl = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            rgl.append("rule \"r").append(i).append("\" { when category == \"cat-").append(i % 100)
                    .append("\" && price > ").append(i % 10).append(" then x = 1 }\n");
        }
        rgl.append("rule \"unindexed\" { when price > cost * 2 then y = 1 }\n");
        return rules(rgl.toString());
    }

    private static List<String> candidates(CompiledRuleSet rules, String factJson) {
        List<String> visited = new ArrayList<>();
        rules.index().forEachCandidate(Facts.parse(factJson), (rank, verified) -> visited.add(rules.rules()[rank].name()));
        return visited;
    }

    @Test
    void factOfOneCategoryVisitsOnlyThatCategorysRulesAndTheUnindexedOnes() {
        List<String> visited = candidates(thousandRulesTenPerCategory(), "{\"category\":\"cat-7\",\"price\":5.0}");

        assertThat(visited).hasSize(11).contains("unindexed", "r7", "r107", "r907")
                .allMatch(name -> name.equals("unindexed") || Integer.parseInt(name.substring(1)) % 100 == 7);
    }

    @Test
    void factWithoutTheIndexedFieldVisitsOnlyUnindexedRules() {
        assertThat(candidates(thousandRulesTenPerCategory(), "{\"price\":5.0}")).containsExactly("unindexed");
    }

    @Test
    void factWhoseEqualityFieldHasAnotherTypeMatchesNoEqualityRule() {
        // "7" == 7 is false in RGL, so no rule filed under category can match a numeric category
        assertThat(candidates(thousandRulesTenPerCategory(), "{\"category\":7,\"price\":5.0}"))
                .containsExactly("unindexed");
    }

    @Test
    void numericEqualityMatchesAcrossNumberTypes() {
        CompiledRuleSet rules = rules("""
                rule "five" { when level == 5 then x = 1 }
                rule "half" { when level == 2.5 then x = 1 }
                """);

        assertThat(candidates(rules, "{\"level\":5.0}")).containsExactly("five");
        assertThat(candidates(rules, "{\"level\":5}")).containsExactly("five");
        assertThat(candidates(rules, "{\"level\":2.50}")).containsExactly("half");
    }

    @Test
    void rangeRulesAreCandidatesOnlyWhenTheirIntervalContainsTheValue() {
        CompiledRuleSet rules = rules("""
                rule "low" { when price >= 0 && price < 10 && stock > 1 then x = 1 }
                rule "mid" { when price >= 10 && price < 20 then x = 1 }
                rule "high" { when 20 <= price then x = 1 }
                rule "upTo15" { when price <= 15 then x = 1 }
                """);

        assertThat(candidates(rules, "{\"price\":10}")).containsExactlyInAnyOrder("mid", "upTo15");
        assertThat(candidates(rules, "{\"price\":9.99}")).containsExactlyInAnyOrder("low", "upTo15");
        assertThat(candidates(rules, "{\"price\":15}")).containsExactlyInAnyOrder("mid", "upTo15");
        assertThat(candidates(rules, "{\"price\":25}")).containsExactly("high");
        assertThat(candidates(rules, "{}")).isEmpty();
    }

    @Test
    void aRangeFieldHoldingAStringKeepsItsRulesCandidatesSoTheirErrorIsReported() {
        CompiledRuleSet rules = rules("""
                rule "cheap" { when price < 10 then x = 1 }
                """);

        assertThat(candidates(rules, "{\"price\":\"ten\"}")).containsExactly("cheap");
    }
}
