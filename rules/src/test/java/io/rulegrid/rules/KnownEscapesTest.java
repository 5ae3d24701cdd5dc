package io.rulegrid.rules;

import io.rulegrid.api.RuleGridException;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The escapes that ran code on a member, or changed facts from a condition, under the MVEL-based engine
 * (one per class of escape), and the ordinary rules that failed with messages nobody could act on. Each
 * escape is now refused at compile time or fails harmlessly at run time; the fact is never changed.
 */
class KnownEscapesTest {

    private static final String FACT = "{\"sku\":\"A-1\",\"org\":\"s\",\"io\":\"x\",\"items\":[1,2],\"name\":\"abc\"}";

    static Stream<Arguments> escapes() {
        return Stream.of(
                // MVEL read /*/ as a whole comment, the token filter up to the next */: the text between ran unchecked
                arguments("comment read differently by two parsers: one parser now, so the text is a comment",
                        "x = 1 /*/ ; sku.getClass().forName(\"java.lang.Runtime\") /**/", null),
                // after (expr). MVEL loaded a class by its raw text when a fact field was named like a package root
                arguments("class reached after a parenthesised expression",
                        "x = (sku).org.mvel2.PropertyAccessor.get(\"1\", null)", "cannot read field 'org' of a String"),
                arguments("package root not on a list", "x = io.rulegrid.rules.Limits.DEFAULT",
                        "looks like a Java class reference"),
                // the method allowlist matched names, not receivers, and missed calls written as properties
                arguments("zero-argument method as a property", "x = sku.getClass", "cannot read field 'getClass' of a String"),
                arguments("Math method as a property", "x = Math.random", "Math.random is not a function"),
                arguments("mutating a copy of the key set", "fact.keySet().clear()", null),
                arguments("static field through a list of classes: String is only a (missing) field",
                        "x = [String][0].CASE_INSENSITIVE_ORDER", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void escapeIsRefusedOrHarmless(String attack, String action, String expected) {
        String file = "ruleset \"escape\"\nrule \"escape\" { when true then " + action + " }\n";
        Map<String, Object> fact = Facts.parse(FACT);

        if (expected == null) {
            EvaluationResult result = RuleCompiler.compile("escape.grl", file).evaluate(fact, Map.of());
            assertThat(result.fact()).containsAllEntriesOf(Facts.parse(FACT));
            assertThat(result.modified()).isSubsetOf("x");
            assertThat(result.fact().get("x")).isIn(null, 1L);
        } else {
            assertThatThrownBy(() -> RuleCompiler.compile("escape.grl", file).evaluate(fact, Map.of()))
                    .isInstanceOf(RuleGridException.class).hasMessageContaining(expected);
        }
        assertThat(fact).isEqualTo(Facts.parse(FACT));
    }

    @Test
    void conditionCannotChangeTheFactThroughAPropertyStyleCall() {
        // MVEL ran items.clear as a call inside a condition and emptied the list; retract == null deleted the fact
        RuleSet clear = RuleCompiler.compile("c.grl", "ruleset \"c\"\nrule \"c\" { when items.clear == null then x = 1 }");
        RuleSet retract = RuleCompiler.compile("r.grl", "ruleset \"r\"\nrule \"r\" { when retract == null then x = 1 }");
        Map<String, Object> fact = Facts.parse(FACT);

        assertThatThrownBy(() -> clear.evaluate(fact, Map.of()))
                .hasMessage("ruleset \"c\" rule \"c\": condition failed at 2:23: cannot read field 'clear' of a List;"
                        + " to call the method write clear()");
        EvaluationResult result = retract.evaluate(fact, Map.of());

        assertThat(result.retracted()).isFalse();
        assertThat(result.fact()).containsEntry("items", java.util.List.of(1L, 2L));
        assertThat(fact).isEqualTo(Facts.parse(FACT));
    }

    @Test
    void conditionCallingAMutatingMethodIsACompileError() {
        assertThatThrownBy(() -> RuleCompiler.compile("c.grl", "ruleset \"c\"\nrule \"c\" { when items.clear() == null"
                + " then x = 1 }\n"))
                .hasMessageContaining("c.grl:2:23: rule \"c\": a condition must not change anything ('clear()')");
    }

    @Test
    void ordinaryRulesThatFailedWithUnreadableMessagesNowWork() {
        RuleSet rules = RuleCompiler.compile("ok.grl", """
                ruleset "ok"
                rule "ok" { when items instanceof List && name.toUpperCase() == "ABC" then upper = "abc".toUpperCase() }
                """);

        EvaluationResult result = rules.evaluate(Facts.parse(FACT), Map.of());

        assertThat(result.fact()).containsEntry("upper", "ABC");
    }

    @Test
    void typoGetsAMessageAPersonCanActOn() {
        assertThatThrownBy(() -> RuleCompiler.compile("typo.grl", "ruleset \"t\"\nrule \"t\" { when price > 10 then"
                + " status = \"A\" total = 1 }\n"))
                .hasMessageContaining("typo.grl:2:46: rule \"t\": syntax error: expected ';' between statements but"
                        + " found 'total'");
    }
}
