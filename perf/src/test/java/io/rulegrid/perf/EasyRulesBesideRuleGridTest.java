package io.rulegrid.perf;

import io.rulegrid.api.Facts;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.mvel.MVELRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that runs Easy Rules (MVEL) beside an embedded RuleGrid engine gets Easy Rules' results
 * unchanged. The MVEL-based RuleGrid removed System, Runtime, Class and other names from MVEL's JVM-wide
 * parser tables and registered a property handler for every unmodifiable map of the JVM, so these rules
 * broke once a RuleGrid ruleset had been compiled in the same JVM.
 */
class EasyRulesBesideRuleGridTest {

    private static List<Object> fireEasyRules() {
        Rules rules = new Rules();
        rules.register(new MVELRule().name("system").priority(1)
                .when("System.getProperty(\"java.version\") != null && Math.max(1, 2) == 2")
                .then("results.add(\"system\")"));
        rules.register(new MVELRule().name("unmodifiable").priority(2)
                .when("config.size() == 1 && config.empty == false")
                .then("results.add(\"config \" + config.isEmpty())"));
        rules.register(new MVELRule().name("classes").priority(3)
                .when("Class.forName(\"java.lang.String\") != null")
                .then("results.add(\"class\")"));
        List<Object> results = new ArrayList<>();
        org.jeasy.rules.api.Facts facts = new org.jeasy.rules.api.Facts();
        facts.put("results", results);
        facts.put("config", Collections.unmodifiableMap(Map.of("k", "v")));
        new DefaultRulesEngine().fire(rules, facts);
        return results;
    }

    @Test
    void easyRulesResultsAreTheSameBeforeAndAfterRuleGridCompilesAndEvaluates() {
        List<Object> before = fireEasyRules();

        RuleSet ruleGrid = RuleCompiler.compile("beside.grl", """
                ruleset "beside"
                rule "r" { when price > 1 then seen = true; emit("seen", sku) }
                """);
        ruleGrid.evaluate(Facts.parse("{\"sku\":\"a\",\"price\":2}"), Map.of());
        List<Object> after = fireEasyRules();

        assertThat(before).containsExactly("system", "config false", "class");
        assertThat(after).isEqualTo(before);
    }
}
