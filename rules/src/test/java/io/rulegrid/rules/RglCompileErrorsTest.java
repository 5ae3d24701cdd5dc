package io.rulegrid.rules;

import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.api.CompileError;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RGL parsing and compile errors: every error of a file, each at its file line and column. */
class RglCompileErrorsTest {

    private static List<String> errorsOf(String text) {
        try {
            RuleCompiler.compile("pricing.grl", text);
        } catch (RuleCompilationException e) {
            return e.errors().stream().map(CompileError::toString).toList();
        }
        throw new AssertionError("expected compile errors");
    }

    @Test
    void parsesEveryAttributeAndKeepsExpressionTextWithItsPosition() {
        RuleSetDefinition definition = RuleCompiler.parse("pricing.grl", """
                // header comment
                ruleset "pricing" firing-limit 500 time-budget 20ms
                /* a block comment with rule "fake" { when then } inside */
                rule "LowMargin" salience -3 no-loop {
                  description "Price under cost + 5%"
                  activation-group "margin"
                  tags "pricing", "margin"
                  enabled false
                  when
                    price < cost * 1.05 && label == "then } {"   // braces and 'then' inside a string
                  then
                    status = "REVIEW"; // a comment with }
                    emit("alert", ["sku": sku]);
                }
                """);

        assertThat(definition.name()).isEqualTo("pricing");
        assertThat(definition.limits()).isEqualTo(new Limits(500, java.time.Duration.ofMillis(20)));
        RuleDefinition rule = definition.rules().get(0);
        assertThat(rule.name()).isEqualTo("LowMargin");
        assertThat(rule.salience()).isEqualTo(-3);
        assertThat(rule.noLoop()).isTrue();
        assertThat(rule.activationGroup()).isEqualTo("margin");
        assertThat(rule.enabled()).isFalse();
        assertThat(rule.description()).isEqualTo("Price under cost + 5%");
        assertThat(rule.tags()).containsExactly("pricing", "margin");
        assertThat(rule.line()).isEqualTo(4);
        assertThat(rule.condition()).isEqualTo(new SourceText("price < cost * 1.05 && label == \"then } {\"", 10, 5));
        assertThat(rule.actions()).hasSize(1);
        assertThat(rule.actions().get(0).line()).isEqualTo(12);
        assertThat(rule.actions().get(0).text()).endsWith("emit(\"alert\", [\"sku\": sku]);");
    }

    @Test
    void attributesMayAlsoComeBeforeTheBrace() {
        RuleSetDefinition definition = RuleCompiler.parse("a.grl", """
                ruleset "a"
                rule "r" salience 10 no-loop activation-group "g" { when true then x = 1 }
                """);

        RuleDefinition rule = definition.rules().get(0);
        assertThat(rule.salience()).isEqualTo(10);
        assertThat(rule.noLoop()).isTrue();
        assertThat(rule.activationGroup()).isEqualTo("g");
    }

    @Test
    void syntaxErrorIsReportedAtItsLineAndColumnInTheFile() {
        assertThat(errorsOf("""
                ruleset "pricing"
                rule "Broken" {
                  when price > 10
                  then
                    status = "A";
                    total = price * ;
                }
                """)).singleElement().asString().isEqualTo("pricing.grl:6:21: rule \"Broken\": syntax error: expected a value but found ';'");
    }

    @Test
    void aTypedDeclarationIsRefusedOnItsLineButANameEndingALineEndsItsStatement() {
        assertThat(errorsOf("""
                ruleset "pricing"
                rule "Typed" {
                  when price > 10
                  then int total = price
                }
                """)).singleElement().asString().isEqualTo("pricing.grl:4:12: rule \"Typed\": typed declarations are"
                + " not supported; assign a field: total = …");

        RuleSet rules = RuleCompiler.compile("pricing.grl", """
                ruleset "pricing"
                rule "TwoLines" {
                  when price > 10
                  then
                    total = price
                    emit("total", total)
                }
                """);
        assertThat(rules.evaluate(Map.of("price", 12L), Map.of()).outputs()).singleElement()
                .satisfies(output -> assertThat(output.value()).isEqualTo(12L));
    }

    @Test
    void everyErrorOfTheFileIsReportedNotJustTheFirst() {
        List<String> errors = errorsOf("""
                ruleset "pricing"
                rule "A" { when price > 10 then x = new Foo() }
                rule "B" sallience 3 { when true then x = 1 }
                rule "C" { when true then Runtime.getRuntime() }
                rule "D" { when status = "x" then y = 1 }
                rule "A" { when true then z = 1 }
                """);

        assertThat(errors).containsExactly(
                "pricing.grl:2:37: rule \"A\": object creation ('new') is not allowed; write a list as [a, b] and an"
                        + " object as [\"k\": v]",
                "pricing.grl:3:10: rule \"B\": unknown attribute 'sallience'; expected one of [salience, no-loop,"
                        + " activation-group, enabled, description, tags] or 'when'",
                "pricing.grl:4:27: rule \"C\": class 'Runtime' is not allowed; static access is limited to Math"
                        + " (read a field of this name as fact.Runtime)",
                "pricing.grl:5:24: rule \"D\": a condition must not change anything ('='); use '==' to compare",
                "pricing.grl:6:1: rule \"A\": duplicate rule name; rule names must be unique within a ruleset");
    }

    @Test
    void missingThenIsReportedAtTheWhen() {
        assertThat(errorsOf("""
                ruleset "r"
                rule "NoThen" {
                  when price > 10
                }
                """)).containsExactly("pricing.grl:3:3: rule \"NoThen\": 'when' is not followed by 'then';"
                + " the condition is not closed (check brackets and quotes)");
    }

    @Test
    void aBracketClosedByTheWrongKindIsReportedWhereItStands() {
        assertThat(errorsOf("""
                ruleset "r"
                rule "Mismatch" {
                  when (price > 10] then
                    status = "REVIEW"
                }
                rule "Fine" { when price > 1 then status = "OK" }
                """)).containsExactly("pricing.grl:3:19: rule \"Mismatch\": ']' does not close the '(' at 3:8 in the"
                + " condition; expected ')'");
    }

    @Test
    void ruleFileStringsTakeTheSameEscapesAsExpressionStrings() {
        RuleSet rules = RuleCompiler.compile("pricing.grl", """
                ruleset "r"
                rule "Say \\"hi\\"" description "tab\\there \\u00e9" tags "a\\\\b" {
                  when true then note = "\\u00e9\\t"
                }
                """);

        RuleDefinition rule = rules.definition().rules().get(0);
        assertThat(rule.name()).isEqualTo("Say \"hi\"");
        assertThat(rule.description()).isEqualTo("tab\there \u00e9");
        assertThat(rule.tags()).containsExactly("a\\b");
        assertThat(errorsOf("""
                ruleset "r"
                rule "R" description "bad \\q escape" { when true then x = 1 }
                """)).containsExactly("pricing.grl:2:22: rule \"R\": unknown escape '\\q' in a string");
    }

    @Test
    void unterminatedStringIsReportedWhereItStarts() {
        assertThat(errorsOf("""
                ruleset "r"
                rule "S" { when name == "abc then x = 1 }
                """)).first().isEqualTo("pricing.grl:2:25: rule \"S\": unterminated string");
    }

    @Test
    void missingRulesetHeaderIsReported() {
        assertThat(errorsOf("rule \"x\" { when true then y = 1 }"))
                .containsExactly("pricing.grl:1:1: a rule file starts with: ruleset \"NAME\" but found 'rule'");
    }

    @Test
    void conditionThatCanOnlyYieldANonBooleanIsACompileError() {
        assertThat(errorsOf("""
                ruleset "r"
                rule "Str" { when "yes" then x = 1 }
                """)).containsExactly("pricing.grl:2:19: rule \"Str\": a condition must yield a boolean, but this one"
                + " yields a String");
    }

    @Test
    void outOfRangeLimitIsAnError() {
        assertThat(errorsOf("""
                ruleset "r" firing-limit 0
                rule "x" { when true then y = 1 }
                """)).containsExactly("pricing.grl:1:26: firing limit is 0 but must be > 0");
    }

    @Test
    void unknownFileTypeIsRefused() {
        assertThatThrownBy(() -> RuleCompiler.compile("rules.txt", "ruleset \"x\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule file rules.txt has an unknown extension; expected .grl (RGL) or .yml, .yaml, .json"
                        + " (Easy Rules)");
    }

    @Test
    void conditionReadsAreKnownStatically() {
        RuleSet rules = RuleCompiler.compile("r.grl", """
                ruleset "r"
                rule "a" { when price < cost * 1.05 && customer.tier == "GOLD" && input.min < now then x = 1 }
                rule "b" { when fact.size() > 3 then x = 2 }
                """);

        assertThat(rules.conditionReads("a")).containsExactlyInAnyOrder("price", "cost", "customer");
        assertThat(rules.conditionReads("b")).containsExactly("*");
    }
}
