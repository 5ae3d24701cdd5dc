package io.rulegrid.perf;

import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleDefinition;
import io.rulegrid.rules.RuleSet;
import io.rulegrid.rules.RuleSetDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark compares like with like: both engines find the same rules true on the same products. */
class EasyRulesBaselineTest {

    @Test
    void bothEnginesFindTheSameConditionsTrue() {
        RuleSetDefinition definition = Workloads.parse(Workloads.catalogRgl(100));
        EasyRulesBaseline easyRules = new EasyRulesBaseline(definition);
        List<RuleSet> oneRuleEach = definition.rules().stream()
                .map(rule -> RuleCompiler.compile(new RuleSetDefinition(rule.name(), "bench.grl", null, List.of(rule))))
                .toList();
        int matched = 0;
        for (Map<String, Object> product : Workloads.products(200)) {
            Set<String> ruleGrid = new TreeSet<>();
            for (RuleSet single : oneRuleEach) {
                ruleGrid.addAll(single.evaluate(product, Map.of()).fired());
            }
            assertThat(new TreeSet<>(easyRules.matching(product))).as("product %s", product.get("sku")).isEqualTo(ruleGrid);
            matched += ruleGrid.size();
        }
        assertThat(matched).as("rules matched over all products").isGreaterThan(20);
    }

    @Test
    void easyRulesFiresTheMatchingRulesAndEmits() {
        RuleSetDefinition definition = Workloads.parse(Workloads.catalogRgl(100));
        EasyRulesBaseline easyRules = new EasyRulesBaseline(definition);

        long emitted = Workloads.products(200).stream().mapToLong(p -> easyRules.fire(p).size()).sum();

        assertThat(emitted).isPositive();
        assertThat(definition.rules()).extracting(RuleDefinition::name).hasSize(100);
    }
}
