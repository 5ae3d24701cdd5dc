package io.rulegrid.rules;

import io.rulegrid.api.RuleEvaluationException;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Output;
import io.rulegrid.api.Facts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The evaluation semantics of DESIGN.md ("Semantics", points 1–6), one behaviour per test. */
class RuleSetEvaluationTest {

    /** The rules; a generous time budget unless the test sets one, since these tests are not about it. */
    private static RuleSet rules(String body) {
        RuleSet rules = RuleCompiler.compile("test.grl", "ruleset \"test\"\n" + body);
        return body.contains("time-budget") ? rules : rules.withLimits(rules.limits().withTimeBudget(Duration.ofSeconds(10)));
    }

    private static Map<String, Object> fact(String json) {
        return Facts.parse(json);
    }

    private static EvaluationResult eval(RuleSet rules, String factJson) {
        return rules.evaluate(fact(factJson), Map.of());
    }

    @Test
    void designExampleMarksLowMarginProductForReviewAndEmitsAlert() {
        RuleSet pricing = RuleCompiler.compile("pricing.grl", """
                ruleset "pricing"

                rule "LowMargin" salience 10 no-loop {
                  description "Price under cost + 5%"
                  activation-group "margin"
                  when
                    price < cost * 1.05 && status == "ACTIVE"
                  then
                    status = "REVIEW";
                    emit("alert", ["sku": sku, "reason": "low margin"]);   // MVEL inline map
                }
                """);

        EvaluationResult result = eval(pricing, "{\"sku\":\"A-1\",\"price\":10.0,\"cost\":9.9,\"status\":\"ACTIVE\"}");

        assertThat(result.ruleset()).isEqualTo("pricing");
        assertThat(result.fired()).containsExactly("LowMargin");
        assertThat(result.modified()).containsExactly("status");
        assertThat(result.fact()).containsEntry("status", "REVIEW").containsEntry("price", 10.0);
        assertThat(result.outputs()).containsExactly(
                new Output("LowMargin", "alert", Map.of("sku", "A-1", "reason", "low margin")));
        assertThat(result.retracted()).isFalse();
        assertThat(result.halted()).isFalse();
        assertThat(result.elapsedNanos()).isPositive();
    }

    @Test
    void higherSalienceFiresFirstAndTiesGoToTheRuleDeclaredFirst() {
        RuleSet rules = rules("""
                rule "low" salience 1 { when true then log = log + "low;" }
                rule "tieA" salience 5 { when true then log = log + "tieA;" }
                rule "high" salience 9 { when true then log = log + "high;" }
                rule "tieB" salience 5 { when true then log = log + "tieB;" }
                """);

        EvaluationResult result = eval(rules, "{\"log\":\"\"}");

        assertThat(result.fired()).containsExactly("high", "tieA", "tieB", "low");
        assertThat(result.fact()).containsEntry("log", "high;tieA;tieB;low;");
    }

    @Test
    void firedRuleDoesNotFireAgainOnTheSameState() {
        RuleSet rules = rules("""
                rule "count" { when visits >= 0 then emit("seen", visits) }
                """);

        EvaluationResult result = eval(rules, "{\"visits\":3}");

        assertThat(result.fired()).containsExactly("count");
        assertThat(result.modified()).isEmpty();
    }

    @Test
    void changeToAReadFieldReactivatesRulesThatReadItEvenIfTheyFiredBefore() {
        RuleSet rules = rules("""
                rule "bump" salience 10 { when level < 3 then level = level + 1 }
                rule "other" { when name == "x" then emit("other", name) }
                """);

        EvaluationResult result = eval(rules, "{\"level\":0,\"name\":\"x\"}");

        assertThat(result.fired()).containsExactly("bump", "bump", "bump", "other");
        assertThat(result.fact()).containsEntry("level", 3L);
    }

    @Test
    void ruleThatReadsNoModifiedFieldKeepsItsStateAndIsNotReevaluated() {
        RuleSet rules = rules("""
                rule "first" salience 10 { when a == 1 then b = 2; c = 5 }
                rule "needsOldC" { when c == 1 then emit("c", c) }
                rule "readsB" salience 5 { when b == 2 then emit("b", b) }
                """);

        EvaluationResult result = eval(rules, "{\"a\":1,\"b\":0,\"c\":1}");

        // needsOldC read c, which "first" changed: re-evaluated and cancelled; readsB activated by the change to b
        assertThat(result.fired()).containsExactly("first", "readsB");
        assertThat(result.modified()).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void changeCancelsActivationsWhoseConditionNoLongerHolds() {
        RuleSet rules = rules("""
                rule "close" salience 10 { when status == "OPEN" then status = "CLOSED" }
                rule "remind" { when status == "OPEN" then emit("reminder", sku) }
                """);

        EvaluationResult result = eval(rules, "{\"status\":\"OPEN\",\"sku\":\"s\"}");

        assertThat(result.fired()).containsExactly("close");
        assertThat(result.outputs()).isEmpty();
    }

    @Test
    void noLoopRuleIsNotReactivatedByItsOwnAction() {
        RuleSet rules = rules("""
                rule "discount" no-loop { when price > 10 then price = price - 1 }
                """);

        EvaluationResult result = eval(rules, "{\"price\":20}");

        assertThat(result.fired()).containsExactly("discount");
        assertThat(result.fact()).containsEntry("price", 19L);
    }

    @Test
    void noLoopRuleIsReactivatedByAnotherRulesChange() {
        RuleSet rules = rules("""
                rule "discount" salience 10 no-loop { when price > 10 then price = price - 1 }
                rule "surcharge" { when price == 19 then price = 30 }
                """);

        EvaluationResult result = eval(rules, "{\"price\":20}");

        assertThat(result.fired()).containsExactly("discount", "surcharge", "discount");
        assertThat(result.fact()).containsEntry("price", 29L);
    }

    @Test
    void firstRuleOfAnActivationGroupToFireCancelsTheOthersForTheRestOfTheEvaluation() {
        RuleSet rules = rules("""
                rule "gold" salience 10 activation-group "discount" { when tier == "GOLD" then rate = 0.2; tier = "X" }
                rule "any" salience 5 activation-group "discount" { when true then rate = 0.05 }
                rule "again" activation-group "discount" { when tier == "X" then rate = 0.9 }
                rule "free" { when true then emit("done", rate) }
                """);

        EvaluationResult result = eval(rules, "{\"tier\":\"GOLD\",\"rate\":0}");

        assertThat(result.fired()).containsExactly("gold", "free");
        assertThat(result.fact()).containsEntry("rate", 0.2);
    }

    @Test
    void disabledRuleNeverFires() {
        RuleSet rules = rules("""
                rule "off" enabled false { when true then emit("off", 1) }
                rule "on" { when true then emit("on", 1) }
                """);

        assertThat(eval(rules, "{}").fired()).containsExactly("on");
    }

    @Test
    void retractEndsTheEvaluationAndDropsTheFact() {
        RuleSet rules = rules("""
                rule "expire" salience 10 { when expired == true then emit("gone", sku); retract() }
                rule "later" { when true then emit("later", 1) }
                """);

        EvaluationResult result = eval(rules, "{\"sku\":\"s\",\"expired\":true}");

        assertThat(result.retracted()).isTrue();
        assertThat(result.fact()).isNull();
        assertThat(result.fired()).containsExactly("expire");
        assertThat(result.outputs()).extracting(Output::type).containsExactly("gone");
        assertThat(result.changed()).isTrue();
    }

    @Test
    void haltEndsTheEvaluationKeepingItsChanges() {
        RuleSet rules = rules("""
                rule "stop" salience 10 { when true then flagged = true; halt() }
                rule "later" { when true then emit("later", 1) }
                """);

        EvaluationResult result = eval(rules, "{}");

        assertThat(result.halted()).isTrue();
        assertThat(result.fired()).containsExactly("stop");
        assertThat(result.fact()).containsEntry("flagged", true);
        assertThat(result.modified()).containsExactly("flagged");
    }

    @Test
    void rulesReadInputNowAndTheWholeFactAndAbsentFieldsAreNull() {
        RuleSet rules = rules("""
                rule "r" { when missing == null && input.threshold > 5 && fact.size() == 1
                           then seenAt = now; limit = input.threshold }
                """);
        Ticker clock = new FakeTicker(1_700_000_000_000L, 0);

        EvaluationResult result = rules.evaluate(fact("{\"a\":1}"), Map.of("threshold", 7), clock);

        assertThat(result.fired()).containsExactly("r");
        assertThat(result.fact()).containsEntry("seenAt", 1_700_000_000_000L).containsEntry("limit", 7L);
    }

    @Test
    void absentFieldsOfNestedObjectsAndOfInputReadAsNull() {
        RuleSet rules = rules("""
                rule "r" { when address.zip == null && input.flag == null && address.empty == null
                           then found = address.city }
                """);

        EvaluationResult first = rules.evaluate(fact("{\"address\":{\"city\":\"Lyon\"}}"), Map.of("other", 1));
        EvaluationResult second = rules.evaluate(fact("{\"address\":{}}"), Map.of());

        assertThat(first.fact()).containsEntry("found", "Lyon");
        assertThat(second.fired()).containsExactly("r");
        assertThat(second.fact()).containsEntry("found", null);
    }

    @Test
    void mathFunctionsWorkInConditionsAndActions() {
        RuleSet rules = rules("""
                rule "round" no-loop { when Math.abs(delta) > 1 then price = Math.round(cost * 1.15 * 100) / 100.0 }
                """);

        EvaluationResult result = eval(rules, "{\"delta\":-3,\"cost\":10.0}");

        assertThat(result.fact()).containsEntry("price", 11.5);
    }

    @Test
    void foreachOverAFactListIsAllowed() {
        RuleSet rules = rules("""
                rule "total" no-loop { when items != null then total = 0; foreach (item : items) { total = total + item.price } }
                """);

        EvaluationResult result = eval(rules, "{\"items\":[{\"price\":2},{\"price\":3}]}");

        assertThat(result.fact()).containsEntry("total", 5L);
    }

    @Test
    void nestedChangesAreDetectedByDeepEquality() {
        RuleSet rules = rules("""
                rule "move" { when address.city == "Paris" then address.city = "Lyon" }
                rule "watch" { when address.city == "Lyon" then emit("moved", address) }
                """);

        EvaluationResult result = eval(rules, "{\"address\":{\"city\":\"Paris\"}}");

        assertThat(result.fired()).containsExactly("move", "watch");
        assertThat(result.modified()).containsExactly("address");
        assertThat(result.outputs().get(0).value()).isEqualTo(Map.of("city", "Lyon"));
    }

    @Test
    void fieldChangedAndChangedBackIsNotReportedAsModified() {
        RuleSet rules = rules("""
                rule "a" salience 2 { when x == 1 && step == null then x = 2; step = 1 }
                rule "b" salience 1 { when x == 2 && step == 1 then x = 1; step = 2 }
                """);

        EvaluationResult result = eval(rules, "{\"x\":1}");

        assertThat(result.fired()).containsExactly("a", "b");
        assertThat(result.modified()).containsExactly("step");
    }

    @Test
    void evaluationLeavesTheCallersFactAndInputUntouched() {
        RuleSet rules = rules("""
                rule "r" { when true then items.add(3); status = "NEW" }
                """);
        Map<String, Object> fact = new HashMap<>(Map.of("items", new ArrayList<>(List.of(1L, 2L)), "status", "OLD"));

        EvaluationResult result = rules.evaluate(fact, Map.of());

        assertThat(fact).isEqualTo(Map.of("items", List.of(1L, 2L), "status", "OLD"));
        assertThat(result.fact()).containsEntry("items", List.of(1L, 2L, 3L)).containsEntry("status", "NEW");
    }

    @Test
    void failingActionFailsTheWholeEvaluationNamingRulesetRuleWhereAndWhy() {
        RuleSet rules = rules("""
                rule "ok" salience 10 { when true then status = "CHANGED" }
                rule "broken" { when true then code = sku.substring(10) }
                """);
        Map<String, Object> fact = fact("{\"status\":\"OLD\",\"sku\":\"A-1\"}");

        assertThatThrownBy(() -> rules.evaluate(fact, Map.of()))
                .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
                    assertThat(e.ruleset()).contains("test");
                    assertThat(e.rule()).contains("broken");
                })
                .hasMessage("ruleset \"test\" rule \"broken\": action failed at 3:43: substring(10) is out of range"
                        + " for a length of 3");
        assertThat(fact).containsEntry("status", "OLD");
    }

    @Test
    void conditionThatDoesNotYieldABooleanIsAnErrorNotAFalse() {
        RuleSet rules = rules("""
                rule "notBool" { when name then emit("x", 1) }
                """);

        assertThatThrownBy(() -> eval(rules, "{\"name\":\"abc\"}"))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessage("ruleset \"test\" rule \"notBool\": condition failed at 2:23: a condition must yield a boolean"
                        + " but yielded a String (\"abc\")");
    }

    @Test
    void endlessReactivationStopsAtTheFiringLimitNamingTheRule() {
        RuleSet rules = rules("""
                rule "loop" { when n >= 0 then n = n + 1 }
                """).withLimits(Limits.DEFAULT.withFiringLimit(100));

        assertThatThrownBy(() -> eval(rules, "{\"n\":0}"))
                .isInstanceOfSatisfying(RuleEvaluationException.class, e -> assertThat(e.rule()).contains("loop"))
                .hasMessageStartingWith("ruleset \"test\" rule \"loop\": firing limit of 100 firings reached");
    }

    @Test
    void firingLimitIsSetInTheRulesetHeader() {
        RuleSet rules = rules("""
                firing-limit 7 time-budget 2s
                rule "loop" { when n >= 0 then n = n + 1 }
                """);

        assertThat(rules.limits()).isEqualTo(new Limits(7, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> eval(rules, "{\"n\":0}")).hasMessageContaining("firing limit of 7 firings");
    }

    @Test
    void evaluationPastItsTimeBudgetFailsNamingTheRuleAndChangesNothing() {
        RuleSet rules = rules("""
                time-budget 10ms
                rule "slow" { when n < 1000 then n = n + 1 }
                """);
        Map<String, Object> fact = fact("{\"n\":0}");
        Ticker oneMsPerRead = new FakeTicker(0, 1_000_000);

        assertThatThrownBy(() -> rules.evaluate(fact, Map.of(), oneMsPerRead))
                .isInstanceOfSatisfying(RuleEvaluationException.class, e -> assertThat(e.rule()).contains("slow"))
                .hasMessageStartingWith("ruleset \"test\" rule \"slow\": time budget of 10 ms exceeded");
        assertThat(fact).containsEntry("n", 0L);
    }

    @Test
    void divisionByZeroIsAnErrorNotAnInfiniteNumber() {
        RuleSet rules = rules("""
                rule "divide" { when true then ratio = total / zero }
                """);

        assertThatThrownBy(() -> eval(rules, "{\"total\":5.0,\"zero\":0}"))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessage("ruleset \"test\" rule \"divide\": action failed at 2:46: division by zero");
    }

    @Test
    void arithmeticThatLeavesTheFiniteNumbersFails() {
        RuleSet rules = rules("""
                rule "overflow" { when true then ratio = total * 1e308 }
                """);

        assertThatThrownBy(() -> eval(rules, "{\"total\":5.0}"))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessage("ruleset \"test\" rule \"overflow\": action failed at 2:48: '*' gives Infinity, which is not a"
                        + " finite number; compute with decimals (B suffix) for larger numbers");
    }

    @Test
    void integersWrittenByRulesAreStoredAsJsonNumbers() {
        RuleSet rules = rules("""
                rule "r" { when true then count = 1; parts = sku.split("-"); ratio = 1.5 }
                """);

        EvaluationResult result = eval(rules, "{\"sku\":\"a-b\"}");

        assertThat(result.fact()).containsEntry("count", 1L).containsEntry("ratio", 1.5)
                .containsEntry("parts", List.of("a", "b"));
    }

    /** A clock that moves by a fixed step every time it is read, so budget tests need no sleeping. */
    private static final class FakeTicker implements Ticker {
        private final long wallMillis;
        private final long stepNanos;
        private long nanos;

        FakeTicker(long wallMillis, long stepNanos) {
            this.wallMillis = wallMillis;
            this.stepNanos = stepNanos;
        }

        @Override
        public long nanoTime() {
            nanos += stepNanos;
            return nanos;
        }

        @Override
        public long wallMillis() {
            return wallMillis;
        }
    }
}
