package io.rulegrid.rules.internal.easyrules;

import io.rulegrid.api.CompileError;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.rules.Limits;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleDefinition;
import io.rulegrid.rules.RuleSet;
import io.rulegrid.rules.RuleSetDefinition;
import io.rulegrid.rules.SourceText;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading Easy Rules 4.1 YAML and JSON rule files: order, positions and every kind of error. */
class EasyRulesReaderTest {

    private static List<String> errorsOf(String file, String text) {
        try {
            EasyRulesReader.read(file, text);
        } catch (RuleCompilationException e) {
            return e.errors().stream().map(CompileError::toString).toList();
        }
        throw new AssertionError("expected " + file + " to have errors");
    }

    /** The names in firing order: RuleGrid fires the highest salience first, ties in declaration order. */
    private static List<String> firingOrder(RuleSetDefinition definition) {
        return definition.rules().stream()
                .sorted(Comparator.comparingInt(RuleDefinition::salience).reversed())
                .map(RuleDefinition::name)
                .toList();
    }

    private static RuleDefinition rule(RuleSetDefinition definition, String name) {
        return definition.rules().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void yamlDocumentsFireLowerPriorityFirstThenRulesWithoutPriorityAndTiesKeepFileOrder() {
        RuleSetDefinition definition = EasyRulesReader.read("pricing.yml", """
                name: late
                priority: 5
                condition: "amount > 0"
                actions:
                  - "late = true"
                ---
                name: default
                condition: "amount > 0"
                actions:
                  - "last = true"
                ---
                name: tieFirst
                priority: 1
                condition: "amount > 0"
                actions:
                  - "a = 1"
                ---
                name: early
                description: lowest priority
                priority: -3
                condition: "amount > 0"
                actions:
                  - "early = true"
                ---
                name: tieSecond
                priority: 1
                condition: "amount > 0"
                actions:
                  - "b = 1"
                """);

        assertThat(definition.rules()).extracting(RuleDefinition::name)
                .containsExactly("late", "default", "tieFirst", "early", "tieSecond");
        assertThat(firingOrder(definition)).containsExactly("early", "tieFirst", "tieSecond", "late", "default");
        assertThat(rule(definition, "early").salience()).isEqualTo(2);
        assertThat(rule(definition, "default").salience()).isEqualTo(Integer.MIN_VALUE + 1);
        assertThat(rule(definition, "early").description()).isEqualTo("lowest priority");
    }

    @Test
    void extremePrioritiesKeepTheirOrderWithoutOverflow() {
        RuleSetDefinition definition = EasyRulesReader.read("extremes.json", """
                [
                  {"name": "max", "priority": 2147483647, "condition": "true", "actions": ["a = 1"]},
                  {"name": "default", "condition": "true", "actions": ["a = 1"]},
                  {"name": "min", "priority": -2147483648, "condition": "true", "actions": ["a = 1"]},
                  {"name": "zero", "priority": 0, "condition": "true", "actions": ["a = 1"]}
                ]
                """);

        assertThat(firingOrder(definition)).containsExactly("min", "zero", "default", "max");
        assertThat(rule(definition, "min").salience()).isEqualTo(Integer.MAX_VALUE);
        assertThat(rule(definition, "max").salience()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void rulesetIsNamedAfterTheFileWithoutDirectoryOrExtensionAndHasDefaultLimits() {
        RuleSetDefinition definition = EasyRulesReader.read("rules/pricing.v2.yaml", """
                name: r
                condition: "true"
                actions: ["x = 1"]
                """);

        assertThat(definition.name()).isEqualTo("pricing.v2");
        assertThat(definition.sourceName()).isEqualTo("rules/pricing.v2.yaml");
        assertThat(definition.limits()).isEqualTo(Limits.DEFAULT);
    }

    @Test
    void everyRuleIsNoLoopEnabledWithoutActivationGroupOrTags() {
        RuleDefinition rule = EasyRulesReader.read("discount.yml", """
                name: discount
                condition: "amount > 100"
                actions: ["amount = amount * 0.9"]
                """).rules().get(0);

        assertThat(rule.noLoop()).isTrue();
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.activationGroup()).isNull();
        assertThat(rule.tags()).isEmpty();
        assertThat(rule.description()).isEmpty();
    }

    @Test
    void jsonArrayOfRulesIsReadInFileOrderWithTextsAfterTheirOpeningQuote() {
        RuleSetDefinition definition = EasyRulesReader.read("pricing.json", """
                [
                  {
                    "name": "big",
                    "description": "big orders",
                    "priority": 2,
                    "condition": "price > 10",
                    "actions": ["total = 1", "total = 2"]
                  },
                  {"name": "small", "priority": 1, "condition": "price <= 10", "actions": ["total = 0"]}
                ]
                """);

        assertThat(definition.name()).isEqualTo("pricing");
        assertThat(firingOrder(definition)).containsExactly("small", "big");
        RuleDefinition big = definition.rules().get(0);
        assertThat(big.description()).isEqualTo("big orders");
        assertThat(big.line()).isEqualTo(2);
        assertThat(big.column()).isEqualTo(3);
        assertThat(big.condition()).isEqualTo(new SourceText("price > 10", 6, 19));
        assertThat(big.actions()).containsExactly(new SourceText("total = 1", 7, 18), new SourceText("total = 2", 7, 31));
        assertThat(definition.rules().get(1).condition()).isEqualTo(new SourceText("price <= 10", 9, 50));
    }

    @Test
    void jsonFileWithASingleRuleObjectIsOneRule() {
        RuleSetDefinition definition = EasyRulesReader.read("one.json", """
                {"name": "only", "condition": "true", "actions": ["x = 1"]}
                """);

        assertThat(definition.rules()).extracting(RuleDefinition::name).containsExactly("only");
    }

    @Test
    void yamlTextsStartAtTheirFirstCharacterWhetherPlainQuotedOrInAFlowList() {
        RuleSetDefinition definition = EasyRulesReader.read("positions.yml", """
                name: positions
                condition: price > 10
                actions:
                  - "total = price * 2"
                  - 'status = "BIG"'
                  - emit("seen", price)
                ---
                # a comment before the rule
                name: flow
                condition:   'price < 0'
                actions: [ "a = 1", b = 2 ]
                """);

        RuleDefinition positions = definition.rules().get(0);
        assertThat(positions.line()).isEqualTo(1);
        assertThat(positions.column()).isEqualTo(1);
        assertThat(positions.condition()).isEqualTo(new SourceText("price > 10", 2, 12));
        assertThat(positions.actions()).containsExactly(
                new SourceText("total = price * 2", 4, 6),
                new SourceText("status = \"BIG\"", 5, 6),
                new SourceText("emit(\"seen\", price)", 6, 5));
        RuleDefinition flow = definition.rules().get(1);
        assertThat(flow.line()).isEqualTo(9);
        assertThat(flow.condition()).isEqualTo(new SourceText("price < 0", 10, 15));
        assertThat(flow.actions()).containsExactly(new SourceText("a = 1", 11, 13), new SourceText("b = 2", 11, 21));
    }

    @Test
    void literalBlockScalarStartsOnTheLineAfterItsHeaderAtTheContentIndentation() {
        RuleDefinition rule = EasyRulesReader.read("block.yml", """
                name: block
                condition: |   # a comment on the header
                    price > 10 &&
                    status == "ACTIVE"
                actions:
                  - |-
                    total = price * 2;
                    emit("big", total)
                """).rules().get(0);

        assertThat(rule.condition()).isEqualTo(new SourceText("price > 10 &&\nstatus == \"ACTIVE\"\n", 3, 5));
        assertThat(rule.actions()).containsExactly(new SourceText("total = price * 2;\nemit(\"big\", total)", 7, 5));
        assertThat(rule.condition().positionOf("price > 10 &&\n".length())).isEqualTo(new SourceText.Position(4, 1));
    }

    @Test
    void foldedBlockScalarExplicitIndentationLeadingEmptyLineAndTagEachStartAtTheirText() {
        RuleSetDefinition definition = EasyRulesReader.read("blocks.yml", """
                name: folded
                condition: >-
                  price > 10
                  && status == "ACTIVE"
                actions: [ !!str "x = 1" ]
                ---
                name: indented
                condition: |2
                     price > 10
                actions:
                  - |

                    y = 2
                """);

        RuleDefinition folded = definition.rules().get(0);
        assertThat(folded.condition()).isEqualTo(new SourceText("price > 10 && status == \"ACTIVE\"", 3, 3));
        assertThat(folded.actions()).containsExactly(new SourceText("x = 1", 5, 19));
        RuleDefinition indented = definition.rules().get(1);
        assertThat(indented.condition()).isEqualTo(new SourceText("   price > 10\n", 9, 3));
        assertThat(indented.actions()).containsExactly(new SourceText("\ny = 2\n", 12, 1));
    }

    @Test
    void columnsCountCharactersInYamlAndJsonAlikeAfterAnEmoji() {
        String emoji = "\uD83D\uDE00";
        RuleDefinition yaml = EasyRulesReader.read("e.yml",
                "{name: \"" + emoji + "\", condition: \"x\", actions: [y]}").rules().get(0);
        RuleDefinition json = EasyRulesReader.read("e.json",
                "{\"name\": \"" + emoji + "\", \"condition\": \"x\", \"actions\": [\"y\"]}").rules().get(0);

        assertThat(yaml.condition()).isEqualTo(new SourceText("x", 1, 26));
        assertThat(json.condition()).isEqualTo(new SourceText("x", 1, 30));
    }

    @Test
    void byteOrderMarkAtTheStartOfTheFileIsIgnored() {
        String rule = "{\"name\": \"r\", \"condition\": \"x\", \"actions\": [\"y\"]}";

        RuleDefinition read = EasyRulesReader.read("bom.json", "\uFEFF" + rule).rules().get(0);

        assertThat(read.column()).isEqualTo(1);
        assertThat(read.condition()).isEqualTo(new SourceText("x", 1, 29));
    }

    @Test
    void yamlAndJsonExtensionsAreReadThroughRuleCompilerParse() {
        String yaml = "name: r\ncondition: \"true\"\nactions: [\"x = 1\"]\n";
        String json = "[{\"name\": \"r\", \"condition\": \"true\", \"actions\": [\"x = 1\"]}]";

        assertThat(RuleCompiler.parse("a.YML", yaml).rules()).hasSize(1);
        assertThat(RuleCompiler.parse("a.yaml", yaml).rules()).hasSize(1);
        assertThat(RuleCompiler.parse("a.json", json).rules()).hasSize(1);
    }

    @Test
    void compiledEasyRulesFileFiresLowerPriorityFirstAndEachRuleOnce() {
        RuleSet rules = RuleCompiler.compile("discount.yml", """
                name: log
                condition: "amount > 0"
                actions:
                  - "emit('seen', amount)"
                ---
                name: discount
                priority: 1
                condition: "amount > 100"
                actions:
                  - "amount = amount * 0.5"
                """);

        EvaluationResult result = rules.evaluate(Facts.parse("{\"amount\": 400}"), Map.of());

        assertThat(result.fired()).containsExactly("discount", "log");
        assertThat(result.fact()).containsEntry("amount", 200.0);
    }

    @Test
    void mvelErrorInABlockScalarIsReportedAtItsPositionInTheYamlFile() {
        List<String> errors;
        try {
            RuleCompiler.compile("broken.yml", """
                    name: broken
                    condition: "amount > 0"
                    actions:
                      - |
                        total = amount * ;
                    """);
            errors = List.of();
        } catch (RuleCompilationException e) {
            errors = e.errors().stream().map(CompileError::toString).toList();
        }

        assertThat(errors).singleElement().asString().startsWith("broken.yml:5:").contains("rule \"broken\"");
    }

    @Test
    void missingNameConditionAndActionsAreReportedAtTheRule() {
        assertThat(errorsOf("r.yml", """
                description: nothing else
                """)).containsExactly(
                "r.yml:1:1: missing key \"name\"; expected a non-empty string with the rule's name",
                "r.yml:1:1: missing key \"condition\"; expected a string with an MVEL expression",
                "r.yml:1:1: missing key \"actions\"; expected a non-empty list of strings with MVEL statements");
    }

    @Test
    void emptyActionsListIsAnError() {
        assertThat(errorsOf("r.yml", """
                name: r
                condition: "true"
                actions: []
                """)).containsExactly(
                "r.yml:3:10: rule \"r\": key \"actions\" must be a non-empty list of strings with MVEL statements,"
                        + " found an empty list");
    }

    @Test
    void actionsThatAreNotAListAreAnError() {
        assertThat(errorsOf("r.yml", """
                name: r
                condition: "true"
                actions: "x = 1"
                """)).containsExactly(
                "r.yml:3:10: rule \"r\": key \"actions\" must be a non-empty list of strings with MVEL statements,"
                        + " found a string");
    }

    @Test
    void conditionAndActionsThatAreNotStringsAreErrorsWithAHintToQuoteScalars() {
        assertThat(errorsOf("r.yml", """
                name: r
                condition: true
                actions:
                  - 42
                  - { x: 1 }
                  - ""
                """)).containsExactly(
                "r.yml:2:12: rule \"r\": key \"condition\" must be a string with an MVEL expression, found the boolean"
                        + " true; put it in quotes to make it a string",
                "r.yml:4:5: rule \"r\": item 1 of key \"actions\" must be a string with an MVEL statement, found the"
                        + " number 42; put it in quotes to make it a string",
                "r.yml:5:5: rule \"r\": item 2 of key \"actions\" must be a string with an MVEL statement, found a map",
                "r.yml:6:5: rule \"r\": item 3 of key \"actions\" must be a string with an MVEL statement,"
                        + " found an empty string");
    }

    @Test
    void emptyNameAndNullConditionAreErrors() {
        assertThat(errorsOf("r.json", """
                [{"name": "", "condition": null, "actions": ["x = 1"]}]
                """)).containsExactly(
                "r.json:1:11: key \"name\" must be a non-empty string with the rule's name, found an empty string",
                "r.json:1:28: key \"condition\" must be a string with an MVEL expression, found no value");
    }

    @Test
    void unknownKeyNamesTheAllowedKeys() {
        assertThat(errorsOf("r.yml", """
                name: r
                when: "true"
                condition: "true"
                actions: ["x = 1"]
                """)).containsExactly(
                "r.yml:2:1: rule \"r\": unknown key \"when\"; expected one of name, description, priority, condition,"
                        + " actions");
    }

    @Test
    void keyGivenTwiceInARuleIsAnError() {
        assertThat(errorsOf("r.yml", """
                name: r
                condition: "a > 1"
                condition: "a > 2"
                actions: ["x = 1"]
                """)).containsExactly(
                "r.yml:3:1: rule \"r\": key \"condition\" is given twice; a rule has each key at most once");
    }

    @Test
    void compositeRulesAreNotSupported() {
        assertThat(errorsOf("r.yml", """
                name: group
                compositeRuleType: UnitRuleGroup
                composingRules:
                  - name: inner
                    condition: "true"
                    actions: ["x = 1"]
                """)).containsExactly(
                "r.yml:2:1: rule \"group\": composite rules (key \"compositeRuleType\") are not supported; write each"
                        + " composing rule as a rule of its own");
    }

    @Test
    void duplicateRuleNamesAreReportedAtTheSecondName() {
        assertThat(errorsOf("r.yml", """
                name: same
                condition: "true"
                actions: ["x = 1"]
                ---
                name: same
                condition: "false"
                actions: ["x = 2"]
                """)).containsExactly(
                "r.yml:5:7: rule \"same\": duplicate rule name; rule names must be unique within a ruleset"
                        + " (the first is at line 1, column 7)");
    }

    @Test
    void priorityThatIsNotAnIntIsAnError() {
        assertThat(errorsOf("r.json", """
                [
                  {"name": "text", "priority": "high", "condition": "true", "actions": ["x = 1"]},
                  {"name": "fraction", "priority": 1.5, "condition": "true", "actions": ["x = 1"]},
                  {"name": "huge", "priority": 3000000000, "condition": "true", "actions": ["x = 1"]}
                ]
                """)).containsExactly(
                "r.json:2:32: rule \"text\": key \"priority\" must be an integer from -2147483648 to 2147483647,"
                        + " found a string",
                "r.json:3:36: rule \"fraction\": key \"priority\" must be an integer from -2147483648 to 2147483647,"
                        + " found the number 1.5",
                "r.json:4:32: rule \"huge\": key \"priority\" must be an integer from -2147483648 to 2147483647,"
                        + " found the number 3000000000");
    }

    @Test
    void documentThatIsNotARuleIsAnError() {
        assertThat(errorsOf("r.yml", """
                just a sentence
                ---
                - name: listed
                  condition: "true"
                  actions: ["x = 1"]
                - [1, 2]
                """)).containsExactly(
                "r.yml:1:1: expected a rule, a map with the keys name, condition and actions, found a string",
                "r.yml:6:3: expected a rule, a map with the keys name, condition and actions, found a list");
    }

    @Test
    void yamlAliasesAreNotSupported() {
        assertThat(errorsOf("r.yml", """
                name: r
                condition: &c "a > 1"
                actions: [*c]
                """)).containsExactly(
                "r.yml:3:11: rule \"r\": item 1 of key \"actions\" must be a string with an MVEL statement,"
                        + " found the alias *c (aliases are not supported)");
    }

    @Test
    void malformedYamlIsReportedWhereSnakeYamlFindsTheProblem() {
        assertThat(errorsOf("r.yml", """
                name: r
                condition: "a > 1"
                actions: ["x = 1"
                """)).containsExactly(
                "r.yml:4:1: malformed YAML: while parsing a flow sequence, expected ',' or ']', but got <stream end>");
    }

    @Test
    void malformedJsonIsReportedAtTheParsersPosition() {
        assertThat(errorsOf("r.json", """
                [
                  {"name": "r" "condition": "true"}
                ]
                """)).containsExactly(
                "r.json:2:16: malformed JSON: unexpected character ('\"' (code 34)): was expecting comma to separate"
                        + " Object entries");
    }

    @Test
    void nestingBeyondJacksonsLimitIsAMalformedFileNotACrash() {
        assertThat(errorsOf("deep.json", "{\"name\": " + "[".repeat(1001))).containsExactly(
                "deep.json:1:10: key \"name\" must be a non-empty string with the rule's name, found a list",
                "deep.json:1:1010: malformed JSON: document nesting depth (1001) exceeds the maximum allowed (1000,"
                        + " from `StreamReadConstraints.getMaxNestingDepth()`)");
    }

    @Test
    void jacksonSourceDescriptionIsLeftOutOfMalformedJsonMessages() {
        assertThat(errorsOf("r.json", "[{\"name\": \"r\"")).containsExactly(
                "r.json:1:14: malformed JSON: unexpected end-of-input: expected close marker for Object"
                        + " (start marker at line 1, column 2)");
    }

    @Test
    void fileWithoutRulesIsAnError() {
        assertThat(errorsOf("empty.yml", "")).containsExactly(
                "empty.yml:1:1: the file has no rules; expected YAML documents separated by \"---\", one rule each");
        assertThat(errorsOf("comments.yaml", "# nothing here\n---\n")).containsExactly(
                "comments.yaml:1:1: the file has no rules; expected YAML documents separated by \"---\", one rule each");
        assertThat(errorsOf("empty.json", "[]")).containsExactly(
                "empty.json:1:1: the file has no rules; expected a JSON array of rules");
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnceInFileOrder() {
        RuleCompilationException thrown = null;
        try {
            EasyRulesReader.read("pricing.yml", """
                    name: first
                    priority: soon
                    actions: ["x = 1"]
                    ---
                    name: second
                    condition: "true"
                    actions: []
                    colour: red
                    ---
                    name: first
                    condition: "true"
                    actions: ["x = 1"]
                    """);
        } catch (RuleCompilationException e) {
            thrown = e;
        }

        assertThat(thrown).isNotNull();
        assertThat(thrown.errors()).extracting(CompileError::toString).containsExactly(
                "pricing.yml:1:1: rule \"first\": missing key \"condition\"; expected a string with an MVEL expression",
                "pricing.yml:2:11: rule \"first\": key \"priority\" must be an integer from -2147483648 to 2147483647,"
                        + " found a string",
                "pricing.yml:7:10: rule \"second\": key \"actions\" must be a non-empty list of strings with MVEL"
                        + " statements, found an empty list",
                "pricing.yml:8:1: rule \"second\": unknown key \"colour\"; expected one of name, description, priority,"
                        + " condition, actions",
                "pricing.yml:10:7: rule \"first\": duplicate rule name; rule names must be unique within a ruleset"
                        + " (the first is at line 1, column 7)");
        assertThat(thrown.getMessage()).isEqualTo(String.join("\n",
                thrown.errors().stream().map(CompileError::toString).toList()));
    }

    @Test
    void problemsBeforeASyntaxErrorAreReportedWithIt() {
        assertThat(errorsOf("r.yml", """
                name: first
                condition: "true"
                actions: ["x = 1"]
                colour: red
                ---
                name: second
                condition: "a > 1
                """)).containsExactly(
                "r.yml:4:1: rule \"first\": unknown key \"colour\"; expected one of name, description, priority,"
                        + " condition, actions",
                "r.yml:8:1: malformed YAML: while scanning a quoted scalar, found unexpected end of stream");
    }
}
