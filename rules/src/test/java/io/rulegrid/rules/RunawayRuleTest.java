package io.rulegrid.rules;

import io.rulegrid.api.RuleEvaluationException;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Rules that held a thread for minutes, filled the heap or crashed the JVM under the MVEL-based engine.
 * Each now ends in a clear error naming the rule, with the caller's fact unchanged. The timeouts here
 * only catch a hang (minutes); the budget's precision is measured by the benchmark, not by tests.
 */
class RunawayRuleTest {

    private static final Duration HANG = Duration.ofSeconds(20);

    static Stream<Arguments> runaways() {
        return Stream.of(
                arguments("nested foreach over a large list",
                        "foreach (a : big) { foreach (b : big) { foreach (c : big) { n = n + 1 } } }",
                        "time budget of 50 ms exceeded"),
                arguments("backtracking regular expression",
                        "ok = text.matches(\"(.*a){25}\")", null),
                arguments("huge BigDecimal power", "x = 1.5B.pow(100000000)", "pow\\(100000000\\) is out of range"),
                arguments("huge exponent made plain", "x = huge.toPlainString()", "decimal number out of range"),
                arguments("containsAll of two large lists, repeated",
                        "foreach (i : big) { ok = big.containsAll(big) }", "time budget of 50 ms exceeded"),
                arguments("string doubling", "s = \"ab\"; foreach (i : big) { s = s + s }", "exceeds max-string"),
                arguments("list doubling", "foreach (i : big) { items.addAll(items) }",
                        "exceeds max-collection|time budget of 50 ms exceeded"),
                arguments("emitting a large list many times", "foreach (i : big) { emit(\"x\", big) }",
                        "time budget of 50 ms exceeded"),
                arguments("a list added to itself", "foreach (i : big) { items.add(items) }",
                        "nested deeper than max-depth|time budget of 50 ms exceeded"),
                arguments("replace with an empty target multiplies a string",
                        "s = text; foreach (i : big) { s = s.replace(\"\", s) }", "exceeds max-string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runaways")
    void runawayActionEndsInAnErrorNamingTheRuleAndChangesNothing(String attack, String action, String expected) {
        RuleSet rules = RuleCompiler.compile("runaway.grl", "ruleset \"runaway\" time-budget 50ms\n"
                + "rule \"attack\" { when true then " + action + " }\n");
        Map<String, Object> fact = fact();
        Map<String, Object> before = Facts.parse(Facts.toJson(fact));

        assertTimeoutPreemptively(HANG, () -> {
            if (expected == null) {
                rules.evaluate(fact, Map.of());
            } else {
                assertThatThrownBy(() -> rules.evaluate(fact, Map.of()))
                        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
                            assertThat(e.ruleset()).contains("runaway");
                            assertThat(e.rule()).contains("attack");
                        })
                        .hasMessageMatching("(?s).*(" + expected + ").*");
            }
        });
        assertThat(fact).isEqualTo(before);
    }

    @Test
    void regularExpressionsRunInLinearTime() {
        RuleSet rules = RuleCompiler.compile("regex.grl", "ruleset \"regex\" time-budget 50ms\n"
                + "rule \"r\" { when text ~= \"(.*a){25}\" && !(text ~= \"(a|aa)+$\") then hit = true }\n");

        EvaluationResult result = assertTimeoutPreemptively(HANG, () -> rules.evaluate(fact(), Map.of()));

        assertThat(result.fired()).isEmpty();
    }

    @Test
    void backreferencesAreRefusedWithAMessage() {
        RuleSet rules = RuleCompiler.compile("regex.grl", "ruleset \"regex\"\n"
                + "rule \"r\" { when text ~= \"(a)\\\\1\" then hit = true }\n");

        assertThatThrownBy(() -> rules.evaluate(fact(), Map.of()))
                .hasMessageContaining("invalid regular expression (RE2 syntax: no backreferences or lookaround)");
    }

    @Test
    void rulesReactivatingEachOtherForeverStopAtTheFiringLimit() {
        RuleSet rules = RuleCompiler.compile("ping.grl", """
                ruleset "ping" firing-limit 1000 time-budget 5s
                rule "ping" { when n % 2 == 0 then n = n + 1 }
                rule "pong" { when n % 2 == 1 then n = n + 1 }
                """);

        assertThatThrownBy(() -> rules.evaluate(Facts.parse("{\"n\":0}"), Map.of()))
                .hasMessageContaining("firing limit of 1000 firings reached");
    }

    @Test
    void deeplyNestedRuleTextIsACompileErrorNotAStackOverflow() {
        String parentheses = "(".repeat(30_000) + "1" + ")".repeat(30_000);
        String ifs = "if (true) { ".repeat(2_000) + "x = 1" + " }".repeat(2_000);

        for (String action : List.of("x = " + parentheses, ifs)) {
            assertThatThrownBy(() -> RuleCompiler.compile("deep.grl", "ruleset \"deep\"\nrule \"deep\" { when true then "
                    + action + " }\n"))
                    .isInstanceOfSatisfying(RuleCompilationException.class, e -> assertThat(e.errors()).first()
                            .satisfies(error -> {
                                assertThat(error.rule()).isEqualTo("deep");
                                assertThat(error.message()).contains("nested or chained deeper than 256 levels");
                            }));
        }
        assertThatThrownBy(() -> RuleCompiler.compile("long.grl", "ruleset \"long\"\nrule \"long\" { when true then x = "
                + "1 + ".repeat(20_000) + "1 }\n"))
                .hasMessageContaining("action of 80005 characters; at most 65536 (split the rule)");
        // and compile errors still read normally afterwards
        assertThatThrownBy(() -> RuleCompiler.compile("typo.grl", "ruleset \"t\"\nrule \"t\" { when a == then x = 1 }"))
                .hasMessageContaining("typo.grl:2:").hasMessageContaining("syntax error");
    }

    @Test
    void factNestedDeeperThanTheLimitIsRefusedNotAStackOverflow() {
        List<Object> deep = new ArrayList<>();
        List<Object> inner = deep;
        for (int i = 0; i < 100_000; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        RuleSet rules = RuleCompiler.compile("r.grl", "ruleset \"r\"\nrule \"r\" { when true then x = 1 }");

        assertThatThrownBy(() -> rules.evaluate(Map.of("deep", deep), Map.of()))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessageContaining("nested deeper than 500 levels");
    }

    @Test
    void valueLimitsAreSetInTheRulesetHeader() {
        RuleSet rules = RuleCompiler.compile("small.grl", """
                ruleset "small" max-string 10 max-collection 3 max-depth 2 max-outputs 2
                rule "long" { when kind == "s" then s = "12345" + "678901" }
                rule "many" { when kind == "c" then l = [1, 2]; l.add(3); l.add(4) }
                rule "deep" { when kind == "d" then l = [[[1]]] }
                rule "chatty" { when kind == "o" then emit("a", 1); emit("b", 2); emit("c", 3) }
                """);

        assertThat(rules.limits()).isEqualTo(Limits.DEFAULT.withValueLimits(10, 3, 2, 2));
        assertThatThrownBy(() -> rules.evaluate(Facts.parse("{\"kind\":\"s\"}"), Map.of()))
                .hasMessageContaining("string of 11 characters exceeds max-string 10");
        assertThatThrownBy(() -> rules.evaluate(Facts.parse("{\"kind\":\"c\"}"), Map.of()))
                .hasMessageContaining("list or object of 4 elements exceeds max-collection 3");
        assertThatThrownBy(() -> rules.evaluate(Facts.parse("{\"kind\":\"d\"}"), Map.of()))
                .hasMessageContaining("value nested deeper than max-depth 2");
        assertThatThrownBy(() -> rules.evaluate(Facts.parse("{\"kind\":\"o\"}"), Map.of()))
                .hasMessageContaining("more than max-outputs 2 outputs");
    }

    private static Map<String, Object> fact() {
        List<Object> big = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            big.add(i);
        }
        return Facts.parse(Facts.toJson(Map.of("big", big, "items", List.of(1, 2), "n", 0,
                "text", "a".repeat(5_000) + "!", "huge", new java.math.BigDecimal("1E+999999999"))));
    }
}
