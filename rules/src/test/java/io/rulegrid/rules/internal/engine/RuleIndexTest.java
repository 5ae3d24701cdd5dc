package io.rulegrid.rules.internal.engine;

import io.rulegrid.rules.Facts;
import io.rulegrid.rules.RuleCompiler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An evaluation visits only the rules that can match the fact, so cost follows matches, not rule count. */
class RuleIndexTest {

    private static CompiledRuleSet thousandRulesTenPerCategory() {
        StringBuilder rgl = new StringBuilder("ruleset \"big\"\n");
        for (int i = 0; i < 1000; i++) {
            rgl.append("rule \"r").append(i).append("\" { when category == \"cat-").append(i % 100)
                    .append("\" && price > ").append(i % 10).append(" then x = 1 }\n");
        }
        rgl.append("rule \"everyFact\" { when price > 1000 then y = 1 }\n");
        return (CompiledRuleSet) RuleCompiler.compile("big.grl", rgl.toString());
    }

    @Test
    void factOfOneCategoryVisitsOnlyThatCategorysRulesAndTheUnindexedOnes() {
        CompiledRuleSet rules = thousandRulesTenPerCategory();
        List<String> visited = new ArrayList<>();

        rules.index().forEachCandidate(Facts.parse("{\"category\":\"cat-7\",\"price\":5.0}"),
                rank -> visited.add(rules.rules()[rank].name()));

        assertThat(visited).hasSize(11).contains("everyFact", "r7", "r107", "r907")
                .allMatch(name -> name.equals("everyFact") || Integer.parseInt(name.substring(1)) % 100 == 7);
    }

    @Test
    void factWithoutTheIndexedFieldVisitsOnlyUnindexedRules() {
        CompiledRuleSet rules = thousandRulesTenPerCategory();
        List<Integer> visited = new ArrayList<>();

        rules.index().forEachCandidate(Facts.parse("{\"price\":5.0}"), visited::add);

        assertThat(visited).hasSize(1);
    }

    @Test
    void factWhoseIndexedFieldHasAnotherTypeVisitsEveryRuleOfThatIndex() {
        CompiledRuleSet rules = thousandRulesTenPerCategory();
        List<Integer> visited = new ArrayList<>();

        rules.index().forEachCandidate(Facts.parse("{\"category\":7,\"price\":5.0}"), visited::add);

        assertThat(visited).hasSize(1001);
    }
}
