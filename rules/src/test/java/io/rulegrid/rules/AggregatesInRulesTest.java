package io.rulegrid.rules;

import io.rulegrid.api.CompileError;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.api.Output;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.api.RuleEvaluationException;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code agg}, the aggregates a caller supplies next to the fact (a pipeline's windowed counts): read like
 * {@code input}, never a fact field, never writable.
 */
class AggregatesInRulesTest {

    private static RuleSet rules(String body) {
        RuleSet rules = RuleCompiler.compile("agg.grl", "ruleset \"velocity\"\n" + body);
        return rules.withLimits(rules.limits().withTimeBudget(Duration.ofSeconds(10)));
    }

    private static Map<String, Object> fact(String json) {
        return Facts.parse(json);
    }

    private static List<String> compileErrors(String body) {
        try {
            rules(body);
        } catch (RuleCompilationException e) {
            return e.errors().stream().map(CompileError::toString).toList();
        }
        throw new AssertionError("expected compile errors");
    }

    @Test
    void conditionOnAnAggregateFiresOnlyWhenTheAggregateSatisfiesIt() {
        RuleSet rules = rules("rule \"Velocity\" { when agg.orders > 3 then flagged = true }");

        assertThat(rules.evaluate(fact("{}"), Map.of(), Map.of("orders", 4L)).fired()).containsExactly("Velocity");
        assertThat(rules.evaluate(fact("{}"), Map.of(), Map.of("orders", 3L)).fired()).isEmpty();
        assertThat(rules.evaluate(fact("{}"), Map.of(), Map.of("orders", 3.5)).fired()).containsExactly("Velocity");
    }

    @Test
    void anAggregateThatWasNotSuppliedReadsNull() {
        RuleSet rules = rules("""
                rule "Missing" { when agg.orders == null then seen = "none" }
                rule "Bracketed" { when agg["orders"] == null then bracketed = "none" }
                """);

        assertThat(rules.evaluate(fact("{}"), Map.of(), Map.of("total", 10L)).fact())
                .containsEntry("seen", "none").containsEntry("bracketed", "none");
        // the evaluation entry points without aggregates supply none
        assertThat(rules.evaluate(fact("{}"), Map.of()).fired()).containsExactly("Missing", "Bracketed");
        assertThat(rules.evaluate(fact("{}"), Map.of(), Map.of("orders", 0L)).fired()).isEmpty();
    }

    @Test
    void writingAnAggregateIsACompileErrorAtItsPosition() {
        List<String> errors = compileErrors("""
                rule "Writes" {
                  when true
                  then
                    agg.orders = 0
                    agg = ["orders": 0]
                    agg.orders++
                    agg["orders"] += 1
                    agg.put("orders", 0)
                    foreach (name : agg) { agg[name] = 0 }
                }
                """);

        // each at the name, field or bracket written to, as for input
        assertThat(errors).containsExactly(
                "agg.grl:5:9: rule \"Writes\": agg is read-only",
                "agg.grl:6:5: rule \"Writes\": agg is read-only",
                "agg.grl:7:9: rule \"Writes\": agg is read-only",
                "agg.grl:8:8: rule \"Writes\": agg is read-only",
                "agg.grl:9:5: rule \"Writes\": agg is read-only",
                "agg.grl:10:31: rule \"Writes\": agg is read-only");
    }

    @Test
    void actionComputesWithAggregatesAndEmitsThem() {
        RuleSet rules = rules("""
                rule "Score" {
                  when agg.orders != null && agg.spent != null
                  then
                    average = agg.spent / agg.orders;
                    score = agg.orders * 10 + amount;
                    emit("velocity", ["customer": customer, "orders": agg.orders, "max": agg.largest])
                }
                """);

        EvaluationResult result = rules.evaluate(fact("{\"customer\":\"c-1\",\"amount\":5}"), Map.of(),
                Map.of("orders", 4L, "spent", 10.0));

        assertThat(result.fact()).containsEntry("average", 2.5).containsEntry("score", 45L);
        Map<String, Object> emitted = new HashMap<>();
        emitted.put("customer", "c-1");
        emitted.put("orders", 4L);
        emitted.put("max", null);
        assertThat(result.outputs()).containsExactly(new Output("Score", "velocity", emitted));
    }

    @Test
    void aggIsNeverTakenForAFactFieldOfThatName() {
        // a test 'agg == 5' filed under a field 'agg' by the rule index would be answered from the fact
        RuleSet rules = rules("""
                rule "Equal" { when agg == 5 then equal = true }
                rule "Range" { when agg.orders > 3 then range = true }
                rule "Field" { when fact.agg == 5 then field = true }
                """);

        EvaluationResult result = rules.evaluate(fact("{\"agg\":5}"), Map.of(), Map.of("orders", 1L));

        assertThat(result.fired()).containsExactly("Field");
        assertThat(rules.conditionReads("Equal")).isEmpty();
        assertThat(rules.conditionReads("Range")).isEmpty();
        assertThat(rules.conditionReads("Field")).containsExactly("agg");
    }

    @Test
    void aggregatesCannotBeChangedThroughAnAliasAndCopiesOfThemAreTheFactsOwn() {
        Map<String, Object> aggregates = new HashMap<>(Map.of("orders", 4L));
        RuleSet aliasing = rules("""
                rule "Alias" { when true then (flag ? agg : other).put("orders", 0) }
                """);
        RuleSet copying = rules("""
                rule "Copy" { when true then copy = agg; copy.orders = 0 }
                """);

        assertThatThrownBy(() -> aliasing.evaluate(fact("{\"flag\":true,\"other\":{}}"), Map.of(), aggregates))
                .isInstanceOfSatisfying(RuleEvaluationException.class,
                        e -> assertThat(e.reason()).contains("read-only"));
        EvaluationResult copied = copying.evaluate(fact("{}"), Map.of(), aggregates);

        assertThat(copied.fact()).containsEntry("copy", Map.of("orders", 0L));
        assertThat(aggregates).isEqualTo(Map.of("orders", 4L));
    }

    @Test
    void aggregatesThatAreNotJsonOrNullAreRefused() {
        RuleSet rules = rules("rule \"r\" { when true then x = 1 }");

        assertThatThrownBy(() -> rules.evaluate(fact("{}"), Map.of(), Map.of("rate", Double.NaN)))
                .isInstanceOf(RuleEvaluationException.class).hasMessageContaining("aggregates is not JSON");
        assertThatThrownBy(() -> rules.evaluate(fact("{}"), Map.of(), (Map<String, Object>) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregates must not be null");
    }
}
