package io.rulegrid.rules;

import io.rulegrid.api.RuleEvaluationException;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.api.MalformedFactException;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.rulegrid.rules.AttackRules.Outcome;

import static io.rulegrid.rules.AttackRules.assertStoppedInTime;
import static io.rulegrid.rules.AttackRules.evaluate;
import static io.rulegrid.rules.AttackRules.evaluateTimed;
import static io.rulegrid.rules.AttackRules.fact;
import static io.rulegrid.rules.AttackRules.map;
import static io.rulegrid.rules.AttackRules.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * White-box attacks on the rule evaluator (internal/lang, internal/engine). Each test asserts a PROMISE of the
 * evaluator and names it; a test that fails is a finding. Tests that pass document an attack that is refused.
 *
 * <p>Promises: (1) no reach outside the fact; (2) conditions change nothing, input and now are read-only;
 * (3) every rule is stopped within twice its ruleset's time budget with a RuleEvaluationException naming ruleset
 * and rule; (4) no OutOfMemoryError / StackOverflowError / other exception escapes the API; (5) a failed
 * evaluation changes nothing; (6) actionable messages; (7) the rule index never changes the outcome.
 *
 * <p>Bulk data (large strings, lists of many references to the same string) is passed in the input or the fact,
 * so that the time budget is spent only on the attack itself; a rule can build the same values itself in a few
 * milliseconds by doubling ({@code s = s + s}, {@code l.addAll(l)}).
 *
 * <p>Attacks that exhaust the heap run in a child JVM with a small heap, so that they cannot disturb this one.
 */
class EvaluatorAttackTest {

    private static final int MIB = 1 << 20;

    // ------------------------------------------------------------------------------------------------ helpers

    /** For comparisons of results: a budget no loaded machine reaches, so that only the rules decide. */
    private static RuleSet untimed(String body) {
        return rules("ruleset \"attack\" time-budget 60s", body);
    }

    private static String big(char c, int length) {
        return String.valueOf(c).repeat(length);
    }

    // ================================================================================== promise 3: budgets

    /**
     * Attack: a substring search with a long needle on a long haystack, {@code s.contains(p)} with s = 2^17 'a' and
     * p = 2^16 'a' followed by "b". String.indexOf is the naive O(n*m) search (~4*10^9 character comparisons here)
     * but Methods.string charges only s.length()/16 + 1 before the call, so one call runs for seconds. The same
     * holds for indexOf, lastIndexOf, the 'contains' operator and replace (whose charge ignores the search).
     */
    @Test
    void promise3_substringSearchIsStoppedByTheTimeBudget() {
        RuleSet rules = rules("rule \"search\" { when true then found = input.s.contains(input.p) }");
        Map<String, Object> input = map("s", big('a', 1 << 18), "p", big('a', 1 << 16) + "b");

        Outcome outcome = evaluate(rules, fact("{}"), input);

        // the search is linear now: it may finish, but never past the budget's bound
        assertThat(outcome.cpuMillis()).as("promise 3: %s", outcome).isLessThan(2 * 50 + AttackRules.SLACK_MILLIS);
        if (outcome.error() != null) {
            assertStoppedInTime(outcome, 50, "attack", "search");
        }
    }

    /**
     * Attack: {@code ==} between two lists of 65,536 references to two distinct but equal 1 MiB strings. Values.equal
     * charges nothing (not per element, not per character), so one comparison compares 64 GiB of characters and
     * the condition runs for seconds. A rule builds such lists in ~10 ms with s = s + s and l.addAll(l).
     */
    @Test
    void promise3_equalityOfLargeValuesIsStoppedByTheTimeBudget() {
        RuleSet rules = rules("rule \"equal\" { when input.a == input.b then same = true }");
        Map<String, Object> input = map("a", Collections.nCopies(1 << 16, big('a', MIB)),
                "b", Collections.nCopies(1 << 16, big('a', MIB)));

        assertStoppedInTime(evaluate(rules, fact("{}"), input), 50, "attack", "equal");
    }

    /**
     * Attack: a cheap action {@code a = b} that replaces a field with an equal-looking value. After every firing the
     * engine compares the fields the action changed with their snapshot (Evaluation.changedFields, and again in
     * Evaluation.result) using Facts.deepEquals, unmetered: with a and b lists of 65,536 references to distinct equal
     * 1 MiB strings that is 2 x 64 GiB of comparisons after the budget check, and the evaluation even succeeds.
     */
    @Test
    void promise3_changeDetectionAfterAnActionIsStoppedByTheTimeBudget() {
        RuleSet rules = rules("rule \"swap\" { when true then a = b }");
        Map<String, Object> fact = map("a", Collections.nCopies(1 << 16, big('a', MIB)),
                "b", Collections.nCopies(1 << 16, big('a', MIB)));

        assertStoppedInTime(evaluate(rules, fact, Map.of()), 50, "attack", "swap");
    }

    /**
     * Attack: RE2 matching is linear in the input but also proportional to the pattern's program size;
     * {@code "(.*){1000}"} is 10 characters but a 1000-fold program. Regexes.matches charges input.length()/8, so
     * matching 32,768 characters runs for seconds.
     */
    @Test
    void promise3_regexMatchingIsStoppedByTheTimeBudget() {
        RuleSet rules = rules("rule \"regex\" { when true then m = input.s ~= \"(.*){1000}\" }");
        Map<String, Object> input = map("s", big('a', 1 << 15));

        assertStoppedInTime(evaluate(rules, fact("{}"), input), 50, "attack", "regex");
    }

    /**
     * Attack: nested counted repetition {@code ((a{1000}){100}){100}} (22 characters, under MAX_PATTERN) expands to
     * a program of 10^7 instructions; Regexes.compile runs Pattern.compile unmetered and unbounded (seconds, and
     * over 1 GiB: a 512 MiB heap ends in OutOfMemoryError; {@code ((a{1000}){1000}){1000}} exhausts any heap), and
     * caches the result statically. Run in a child JVM with a 2 GiB heap, where compiling takes ~4 s.
     */
    @Test
    void promise3_regexCompilationIsBoundedAndStoppedByTheTimeBudget() throws Exception {
        ChildJvm.Report report = Isolated.run("regexCompile", "2g");

        assertThat(report.outcome()).as("promise 3/4: %s", report).isEqualTo(RuleEvaluationException.class.getName());
        assertThat(report.evalMillis()).as("promise 3: %s", report).isLessThan(2 * 50 + AttackRules.SLACK_MILLIS);
    }

    /**
     * Attack: decimal literals are not checked against MAX_DECIMAL_DIGITS / MAX_DECIMAL_SCALE (only results of
     * arithmetic are). {@code 1e999999B.setScale(0, "HALF_UP")} multiplies by 10^999999 before checkDecimal rejects
     * the result (seconds; 1e9999999B takes tens of seconds; Math.round(1e9999999B) too), and
     * {@code 1000...000B.stripTrailingZeros()} on a 60,000-digit literal divides by ten 60,000 times (seconds).
     */
    @Test
    void promise3_hugeDecimalLiteralsAreRefusedAtCompileTime() {
        String hugeExponent = "rule \"scale\" { when true then x = 1e2000000B.setScale(0, \"HALF_UP\") }";
        String manyDigits = "rule \"strip\" { when true then x = 1" + "0".repeat(60_000) + "B.stripTrailingZeros() }";
        for (String body : List.of(hugeExponent, manyDigits)) {
            assertThatThrownBy(() -> rules(body)).isInstanceOf(RuleCompilationException.class)
                    .hasMessageContaining("decimal number out of range");
        }
    }

    /**
     * Attack: a fact decimal with a huge exponent, {"big": 1e999999999} (a valid 13-byte JSON number), and
     * {@code big.toPlainString()}: BigDecimal.toPlainString allocates and fills a 10^9-character string, neither
     * charged nor checked against max-string (Methods.decimal "toPlainString/0"). In a child JVM (512 MiB heap) it
     * is an OutOfMemoryError; with a large heap it is seconds and gigabytes.
     */
    @Test
    void promise3_plainTextOfAHugeFactDecimalIsBounded() throws Exception {
        ChildJvm.Report report = Isolated.run("plainString", "512m");

        assertThat(report.outcome()).as("promise 3/4: %s", report).isEqualTo(RuleEvaluationException.class.getName());
        assertThat(report.evalMillis()).as("promise 3: %s", report).isLessThan(2 * 50 + AttackRules.SLACK_MILLIS);
    }

    /** Refused (passes): nested foreach over a 65,536-element list is cut off by the meter. */
    @Test
    void promise3_nestedForeachOverBigListsIsStopped() {
        RuleSet rules = rules("rule \"loops\" { when true then foreach (a : input.l) { foreach (b : input.l) { n = 1 } } }");
        Map<String, Object> input = map("l", LongStream.range(0, 1 << 16).boxed().toList());

        assertStoppedInTime(evaluate(rules, fact("{}"), input), 50, "attack", "loops");
    }

    /** Refused (passes): two rules re-activating each other forever are stopped by the budget or the firing limit. */
    @Test
    void promise3_rulesReactivatingEachOtherAreStopped() {
        RuleSet rules = rules("""
                rule "up" { when x >= 0 then x = x + 1 }
                rule "down" { when x >= 0 then x = x - 1 }
                """);

        Outcome outcome = evaluate(rules, fact("{\"x\":0}"), Map.of());

        assertThat(outcome.error()).isInstanceOf(RuleEvaluationException.class);
        assertThat(outcome.cpuMillis()).isLessThan(2 * 50 + AttackRules.SLACK_MILLIS);
    }

    /** Refused (passes): patterns catastrophic for backtracking engines are linear on RE2. */
    @Test
    void promise3_classicCatastrophicRegexesAreHarmless() {
        RuleSet rules = rules("ruleset \"attack\" time-budget 200ms", "rule \"redos\" { when true then "
                + "a = input.s ~= \"(a+)+b\"; b = input.s.matches(\"(a|aa)*c\"); c = input.s.split(\"(a*)*x\").size() }");

        Outcome outcome = evaluate(rules, fact("{}"), map("s", big('a', 1 << 13) + "!"));

        assertThat(outcome.cpuMillis()).as("%s", outcome).isLessThan(2 * 200 + AttackRules.SLACK_MILLIS);
    }

    // ====================================================================== promise 4: memory and crashes

    /**
     * Attack: {@code "" + list} where the list holds 65,536 references to one 1 MiB string. Values.plus turns the
     * list into text with String.valueOf (ArrayList.toString: 64 GiB) before checking max-string, unmetered:
     * OutOfMemoryError. Run in a child JVM with a 512 MiB heap.
     */
    @Test
    void promise4_concatenatingALargeListDoesNotExhaustTheHeap() throws Exception {
        ChildJvm.Report report = Isolated.run("concatList", "512m");

        assertThat(report.outcome()).as("promise 4: %s", report).isEqualTo(RuleEvaluationException.class.getName());
        assertThat(report.evalMillis()).as("promise 3: %s", report).isLessThan(2 * 50 + AttackRules.SLACK_MILLIS);
    }

    /**
     * Attack: a ruleset with a long (author-chosen) time budget emits 10,000 fresh 1 MiB strings: each emit is
     * within max-string and max-outputs, but together they are 10 GiB (or 100,000 fields of 1 MiB in the fact).
     * Nothing bounds the memory of one evaluation, so a rule author exhausts the heap: OutOfMemoryError in a child
     * JVM with a 512 MiB heap within a second.
     */
    @Test
    void promise4_oneEvaluationCannotExhaustTheHeap() throws Exception {
        ChildJvm.Report report = Isolated.run("emitMemory", "512m");

        assertThat(report.outcome()).as("promise 4: %s", report).isEqualTo(RuleEvaluationException.class.getName());
    }

    /**
     * Attack: long flat chains that the parser builds without counting nesting (it counts only parentheses,
     * brackets, unary operators and blocks): {@code 1+1+...+1} (20,000 terms), {@code a.b.b...b} (30,000),
     * {@code s.trim().trim()...} (9,000), {@code s[0][0]...} (20,000). Each is under the 64 KiB expression limit;
     * CodeGenerator.compile recurses once per link: StackOverflowError escapes RuleCompiler.compile.
     */
    @Test
    void promise4_longOperatorChainsDoNotOverflowTheStack() {
        SoftAssertions soft = new SoftAssertions();
        List<String> actions = List.of(
                "x = 1" + "+1".repeat(20_000),
                "x = a" + ".b".repeat(30_000),
                "x = s" + ".trim()".repeat(9_000),
                "x = s" + "[0]".repeat(20_000));
        for (String action : actions) {
            Throwable thrown = catchThrowable(() -> rules("rule \"chain\" { when true then " + action + " }")
                    .evaluate(fact("{\"s\":\"abc\"}"), Map.of()));
            soft.assertThat(thrown).as("promise 4: %s...", action.substring(0, 20))
                    .satisfiesAnyOf(t -> assertThat(t).isNull(),
                            t -> assertThat(t).isInstanceOfAny(RuleCompilationException.class, RuleEvaluationException.class));
        }
        soft.assertAll();
    }

    /**
     * Attack: a fact that contains itself (a caller's Map m with m.put("me", m)). Evaluation normalizes the fact
     * with Facts.normalize, which recurses without a depth limit or cycle check: StackOverflowError escapes
     * RuleSet.evaluate.
     */
    @Test
    void promise4_selfContainingFactIsRefused() {
        Map<String, Object> fact = new HashMap<>();
        fact.put("me", fact);

        Throwable thrown = catchThrowable(() -> rules("rule \"r\" { when true then x = 1 }").evaluate(fact, Map.of()));

        assertThat(thrown).as("promise 4").isInstanceOfAny(RuleEvaluationException.class, MalformedFactException.class);
    }

    /**
     * Attack: a fact and an input nested 100,000 levels deep (built as Java lists; Facts.parse limits JSON to 1,000
     * levels, but evaluate takes any Map). Facts.normalize recurses per level: StackOverflowError.
     */
    @Test
    void promise4_deeplyNestedFactOrInputIsRefused() {
        Object deep = 1L;
        for (int i = 0; i < 100_000; i++) {
            deep = List.of(deep);
        }
        RuleSet rules = rules("rule \"r\" { when true then x = 1 }");
        Map<String, Object> nested = map("d", deep);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(catchThrowable(() -> rules.evaluate(nested, Map.of()))).as("promise 4: deep fact")
                .isInstanceOfAny(RuleEvaluationException.class, MalformedFactException.class);
        soft.assertThat(catchThrowable(() -> rules.evaluate(Map.of(), nested))).as("promise 4: deep input")
                .isInstanceOfAny(RuleEvaluationException.class, MalformedFactException.class);
        soft.assertAll();
    }

    /**
     * Attack: {@code time-budget 9999999999s} compiles (RglParser.parseDuration, Limits accept any positive
     * Duration), but every evaluation throws java.lang.ArithmeticException ("long overflow") from
     * Meter's constructor (limits.timeBudget().toNanos()).
     */
    @Test
    void promise4_hugeTimeBudgetIsRefusedOrWorks() {
        Throwable thrown = catchThrowable(() -> rules("ruleset \"attack\" time-budget 9999999999s",
                "rule \"r\" { when true then x = 1 }").evaluate(fact("{}"), Map.of()));

        assertThat(thrown).as("promise 4").satisfiesAnyOf(
                t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOfAny(RuleCompilationException.class, RuleEvaluationException.class));
    }

    /**
     * Attack: an 8 MB rule file. There is no bound on a file's size (only 64 KiB per expression and 50,000 rules),
     * and the RGL parser first tokenizes the whole file into a Token record plus a substring per token (~85 bytes
     * per one-character token): 8 MB needs ~700 MB before anything is rejected. In a child JVM with a 128 MiB heap:
     * OutOfMemoryError instead of a RuleCompilationException.
     */
    @Test
    void promise4_hugeRuleFileDoesNotExhaustTheHeap() throws Exception {
        ChildJvm.Report report = Isolated.run("hugeFile", "128m");

        assertThat(report.outcome()).as("promise 4: %s", report)
                .isIn(RuleCompilationException.class.getName(), "OK");
    }

    /** Refused (passes): deep JSON is refused by Facts.parse with a MalformedFactException. */
    @Test
    void promise4_deepJsonFactIsRefusedByParse() {
        Throwable thrown = catchThrowable(() -> Facts.parse("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));

        assertThat(thrown).isInstanceOf(MalformedFactException.class);
    }

    /** Refused (passes): 100,000 parentheses and 20,000 nested ifs are compile errors with a position. */
    @Test
    void promise4_deepNestingOfRuleTextIsACompileError() {
        String parens = "x = " + "(".repeat(30_000) + "1" + ")".repeat(30_000);
        String ifs = "if (true) { ".repeat(5_000) + "x = 1" + " }".repeat(5_000);
        for (String action : List.of(parens, ifs)) {
            Throwable thrown = catchThrowable(() -> rules("rule \"deep\" { when true then " + action + " }"));
            assertThat(thrown).isInstanceOfSatisfying(RuleCompilationException.class,
                    e -> assertThat(e.errors()).allSatisfy(err -> assertThat(err.rule()).isEqualTo("deep")));
        }
    }

    /** Refused (passes): string growth, list doubling, replace with an empty target, split, and emit counts stop at the limits. */
    @Test
    void promise4_valueLimitsStopGrowth() {
        String[] actions = {
            "s = \"ab\"; foreach (i : input.l) { s = s + s + s }",
            "l = [1]; foreach (i : input.l) { l.addAll(l) }",
            "s = input.s.replace(\"\", \"xxxx\")",
            "parts = input.s.split(\"\")",
            "foreach (i : input.big) { emit(\"x\", i) }",
            "l = [1]; foreach (i : input.l) { foreach (j : input.l) { l = [l] } }",
        };
        Map<String, Object> input = map("l", LongStream.range(0, 40).boxed().toList(), "s", big('a', MIB / 2),
                "big", LongStream.range(0, 20_000).boxed().toList());
        for (String action : actions) {
            Outcome outcome = evaluate(rules("ruleset \"attack\" time-budget 2s", "rule \"grow\" { when true then " + action + " }"),
                    fact("{}"), input);
            assertThat(outcome.error()).as("%s: %s", action, outcome).isInstanceOf(RuleEvaluationException.class);
            assertThat(((RuleEvaluationException) outcome.error()).reason()).as(action).containsAnyOf("max-", "time budget");
        }
    }

    // ============================================================================ promise 6: messages

    /**
     * Attack: ordinary mistakes whose Java exception reaches the author: Evaluation.run catches RuntimeException
     * and reports "failed: " + e (class name, no position):
     * 1.25B.setScale(1, "UNNECESSARY") -> "java.lang.ArithmeticException: Rounding necessary" (Methods setScale/2);
     * Math.log(qty) < 1B with qty = 0 -> "java.lang.NumberFormatException: Character I is neither a decimal digit..."
     * (NumberOrder.decimal -> BigDecimal.valueOf(-Infinity)); 1e999999999B.pow(3) ->
     * "java.lang.ArithmeticException: Overflow".
     */
    @Test
    void promise6_runtimeErrorsSayWhereAndWhatWithoutJavaExceptions() {
        SoftAssertions soft = new SoftAssertions();
        List<String> actions = List.of("x = 1.25B.setScale(1, \"UNNECESSARY\")", "x = Math.log(qty) < 1B",
                "x = 1e9999B.pow(3)");
        for (String action : actions) {
            Throwable thrown = catchThrowable(() -> rules("ruleset \"attack\" time-budget 2s",
                    "rule \"mistake\" {\n when true\n then " + action + "\n}").evaluate(fact("{\"qty\":0}"), Map.of()));
            soft.assertThat(thrown).as(action).isInstanceOf(RuleEvaluationException.class);
            if (thrown instanceof RuleEvaluationException e) {
                soft.assertThat(e.reason()).as("promise 6: %s", action)
                        .doesNotContain("java.", "Exception")
                        .contains("at 4:");
            }
        }
        soft.assertAll();
    }

    /**
     * Attack: a YAML rule file with a complex key ({@code ? [a, b]}). The compile error carries SnakeYAML's event
     * class: "got this instead: <org.yaml.snakeyaml.events.SequenceStartEvent(anchor=null, ...)>"
     * (EasyRulesReader.malformed passes Jackson's message through).
     */
    @Test
    void promise6_yamlErrorsDoNotShowJavaClassNames() {
        Throwable thrown = catchThrowable(() -> RuleCompiler.compile("rules.yml",
                "name: a\ncondition: \"true\"\nactions: [\"x = 1\"]\n? [a, b]\n: 1\n"));

        assertThat(thrown).isInstanceOfSatisfying(RuleCompilationException.class, e -> assertThat(e.errors())
                .allSatisfy(err -> assertThat(err.message()).as("promise 6").doesNotContain("org.yaml", "Event(")));
    }

    /** Refused (passes): ordinary mistakes give the ruleset, rule, position and a plain reason. */
    @Test
    void promise6_ordinaryMistakesAreActionable() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("x = n.toUpperCase()", "cannot call toUpperCase() on null");
        expected.put("x = s.substring(\"a\")", "substring() needs a whole number but got a String");
        expected.put("x = s > 1", "cannot compare a String");
        expected.put("x = s.getClass", "cannot read field 'getClass' of a String");
        expected.put("x = items.get(5)", "out of range");
        expected.put("x = Math.pow(\"a\", 2)", "needs numbers");
        expected.put("x = !s", "needs a boolean");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Throwable thrown = catchThrowable(() -> rules("ruleset \"attack\" time-budget 2s",
                    "rule \"mistake\" {\n when true\n then " + e.getKey() + "\n}")
                    .evaluate(fact("{\"s\":\"abc\",\"n\":null,\"items\":[1]}"), Map.of()));
            assertThat(thrown).as(e.getKey()).isInstanceOfSatisfying(RuleEvaluationException.class, ex -> {
                assertThat(ex.getMessage()).startsWith("ruleset \"attack\" rule \"mistake\": action failed at 4:");
                assertThat(ex.reason()).contains(e.getValue()).doesNotContain("java.", "Exception", "null:");
            });
        }
        assertThat(catchThrowable(() -> rules("rule \"typo\" {\n when true\n then x = s.lenght()\n}")))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> assertThat(e.getMessage())
                        .startsWith("attack.grl:4:").contains("rule \"typo\"", "lenght"));
    }

    // ============================================================================ promise 7: rule index

    private static String outcomeText(RuleSet rules, Map<String, Object> fact) {
        try {
            EvaluationResult r = rules.evaluate(fact, Map.of());
            return "fired=" + r.fired();
        } catch (RuleEvaluationException e) {
            return "error in " + e.rule().orElse("?") + ": " + e.reason().replaceAll("at \\d+:\\d+: ", "");
        }
    }

    /**
     * Attack: equality constants the index files under a different hash key than the fact's value
     * (RuleIndex.lookupKey): a BigDecimal whole number of 19 digits (1000000000000000000B, 9223372036854775807B, and
     * the literal -9223372036854775808, which parses as a BigDecimal) is keyed as a Double or BigDecimal because of
     * the "precision - scale <= 18" test, while the fact's Long is keyed as a Long; and the Double -2^63 is keyed as
     * a Double because of "Math.abs(x) < 0x1p63". The condition holds (numbers compare by value) but the indexed
     * rule never fires.
     */
    @Test
    void promise7_indexMatchesWideWholeNumbersLikeTheCondition() {
        SoftAssertions soft = new SoftAssertions();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("1000000000000000000B", "{\"price\":1000000000000000000}");
        cases.put("9223372036854775807B", "{\"price\":9223372036854775807}");
        cases.put("-9223372036854775808", "{\"price\":-9223372036854775808}");
        cases.put("-9223372036854775808.0", "{\"price\":-9223372036854775808}");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            RuleSet indexed = untimed("rule \"r\" { when price == " + c.getKey() + " then hit = true }");
            RuleSet plain = untimed("rule \"r\" { when (price == " + c.getKey() + ") == true then hit = true }");
            soft.assertThat(outcomeText(indexed, fact(c.getValue())))
                    .as("promise 7: price == %s on %s", c.getKey(), c.getValue())
                    .isEqualTo(outcomeText(plain, fact(c.getValue())));
        }
        soft.assertAll();
    }

    /**
     * Attack: {@code status > 3 && price == 10} with status "A" and price 5: the index filed the rule under the
     * later equality and hid the error of the earlier comparison. Equality tests now go first in every
     * condition, indexed or not (docs/rgl.md, 7), so both forms agree: no error while price != 10, the
     * comparison's error once price == 10. A range test the index files under never comes after one that can fail.
     */
    @Test
    void promise7_indexAgreesWithTheDocumentedOrderOfTests() {
        RuleSet indexed = untimed("rule \"r\" { when status > 3 && price == 10 then hit = true }");
        RuleSet plain = untimed("rule \"r\" { when (price == 10) == true && (status > 3) == true then hit = true }");
        RuleSet rangeAfterAFallibleTest = untimed("rule \"r\" { when status > 3 && price > 10 then hit = true }");

        for (String json : List.of("{\"status\":\"A\",\"price\":5}", "{\"status\":\"A\",\"price\":10}")) {
            assertThat(outcomeText(indexed, fact(json))).as("promise 7: %s", json).isEqualTo(outcomeText(plain, fact(json)));
        }
        assertThat(outcomeText(indexed, fact("{\"status\":\"A\",\"price\":10}"))).contains("cannot compare");
        assertThat(outcomeText(rangeAfterAFallibleTest, fact("{\"status\":\"A\",\"price\":5}")))
                .contains("cannot compare");
    }

    /**
     * Attack: two failing conditions. Evaluation.run evaluates the candidates in the index's bucket order
     * (unindexed, then equality buckets, then ranges: RuleIndex.forEachCandidate), not in rank order, so with the
     * index the error names rule "b" and without it rule "a".
     */
    @Test
    void promise7_indexDoesNotChangeWhichRuleFails() {
        RuleSet indexed = untimed("""
                rule "a" salience 2 { when price > 0 then x = 1 }
                rule "b" salience 1 { when code == 1 && price > 0 then y = 1 }
                """);
        RuleSet plain = untimed("""
                rule "a" salience 2 { when (price > 0) == true then x = 1 }
                rule "b" salience 1 { when (code == 1) == true && price > 0 then y = 1 }
                """);
        Map<String, Object> fact = fact("{\"price\":\"abc\",\"code\":1}");

        assertThat(outcomeText(indexed, fact)).as("promise 7").isEqualTo(outcomeText(plain, fact));
    }

    /**
     * Refused (passes): the index agrees with the unindexed condition on Long/Double/BigDecimal mixes, -0.0, huge
     * longs, strings where numbers are expected, NaN-like strings, booleans, lists, null and missing fields.
     */
    @Test
    void promise7_indexIsExactOnTrickyValues() {
        String[] constants = {"0", "-0.0", "0.0", "1", "1.0", "1.5", "1.50B", "0.1", "0.1B", "9007199254740993",
            "9223372036854775807", "1e19", "10000000000000000000", "\"5\"", "\"NaN\"", "true"};
        String[] operators = {"==", "<", "<=", ">", ">="};
        List<Object> values = new ArrayList<>(List.of(0L, -0.0, 0.0, 1L, 1.0, 1.5, new BigDecimal("1.5"), 0.1,
                new BigDecimal("0.1000000000000000055511151231257827"), 9007199254740992.0, 9007199254740993L,
                Long.MAX_VALUE, 9.223372036854775807E18, 1e19, new BigDecimal("10000000000000000000"), "5", "NaN",
                "Infinity", true, List.of(1L), Map.of("a", 1L), new BigDecimal("1E+999999999")));
        values.add(null);
        List<String> mismatches = new ArrayList<>();
        for (String constant : constants) {
            for (String operator : operators) {
                if (!operator.equals("==") && (constant.startsWith("\"") || constant.equals("true"))) {
                    continue;
                }
                String test = "price " + operator + " " + constant;
                RuleSet indexed = untimed("rule \"r\" { when " + test + " then hit = true }");
                RuleSet plain = untimed("rule \"r\" { when (" + test + ") == true then hit = true }");
                for (Object value : values) {
                    Map<String, Object> fact = new HashMap<>();
                    fact.put("price", value);
                    String a = outcomeText(indexed, fact);
                    String b = outcomeText(plain, fact);
                    if (!a.equals(b)) {
                        mismatches.add(test + " on " + value + ": " + a + " vs " + b);
                    }
                }
                String missing = outcomeText(indexed, new HashMap<>());
                if (!missing.equals(outcomeText(plain, new HashMap<>()))) {
                    mismatches.add(test + " on a missing field");
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    // ==================================================== change tracking (property reactivity, EvaluationResult)

    /**
     * Attack: {@code a.getOrDefault("missing", b).add(99)}. getOrDefault returns its default argument itself: the
     * live list of field b (Methods.map "getOrDefault/2"), while CodeGenerator.root says the call changes field a.
     * So b changes but the firing's snapshot/compare only looks at a: result.modified() is empty, changed() is false
     * (a caller that writes back only changed facts loses the change), and rule "watch", which reads b, is not
     * re-evaluated.
     */
    @Test
    void changesThroughADefaultArgumentAreReported() {
        RuleSet rules = rules("""
                rule "alias" salience 2 no-loop { when true then a.getOrDefault("missing", b).add(99) }
                rule "watch" salience 1 { when b.size() > 1 then seen = true }
                """);

        EvaluationResult result = rules.evaluate(fact("{\"a\":{},\"b\":[1]}"), Map.of());

        assertThat(result.fact()).containsEntry("b", List.of(1L, 99L));
        assertThat(result.modified()).as("the change to b must be reported").contains("b");
        assertThat(result.fired()).as("a rule reading b must be re-evaluated").contains("watch");
    }

    // ====================================================== promises 1, 2, 5 (refused: these pass)

    /** Refused (passes): no path to Java: property-style access, unlisted methods, package-like names, unicode, comments. */
    @Test
    void promise1_nothingOutsideTheFactIsReachable() {
        List<String> refusedAtCompileTime = List.of(
                "x = sku.getClass()", "x = sku.class", "x = Math.class", "x = Math.random()",
                "x = java.lang.System.getenv()", "x = io.rulegrid.api.Facts.parse(\"{}\")",
                "x = \\u0053ystem.exit(1)", "x = sku.hashCode()", "x = sku.intern()", "x = items.stream()",
                "x = items.toArray()", "x = m.entrySet()", "x = 1B.unscaledValue()", "x = sku.chars()",
                "x = sku.getBytes()", "x = new java.io.File(\"/\")", "x = Runtime.getRuntime()",
                "x = sku.format(\"%s\")", "x = \"a\".repeat(10)", "x = m.forEach(null)",
                "x = getClass()", "x = T(java.lang.Runtime)", "x = ${1}", "x = #{1}", "x = Math.abs.getClass()",
                "x = sku /* */ .getClass()", "x = \"\".getClass().forName(\"java.lang.Runtime\")");
        for (String action : refusedAtCompileTime) {
            assertThat(catchThrowable(() -> rules("rule \"escape\" {\n when true\n then " + action + "\n}")))
                    .as(action).isInstanceOfSatisfying(RuleCompilationException.class,
                            e -> assertThat(e.errors()).allSatisfy(err -> {
                                assertThat(err.file()).isEqualTo("attack.grl");
                                assertThat(err.rule()).isEqualTo("escape");
                                assertThat(err.line()).isEqualTo(4);
                            }));
        }
        // names that look like Java are data: fields and map keys named like methods or classes
        EvaluationResult result = rules("rule \"data\" { when true then x = m.getClass; y = m[\"class\"]; "
                + "z = System; w = java.lang; v = m.?forName }")
                .evaluate(fact("{\"m\":{\"getClass\":1,\"class\":2,\"forName\":3},\"System\":4,\"java\":{\"lang\":5}}"),
                        Map.of());
        assertThat(result.fact()).containsEntry("x", 1L).containsEntry("y", 2L).containsEntry("z", 4L)
                .containsEntry("w", 5L).containsEntry("v", 3L);
    }

    /** Refused (passes): conditions can neither assign, call mutating methods or functions, nor loop. */
    @Test
    void promise2_conditionsCannotChangeAnything() {
        List<String> conditions = List.of("items.subList(0, 1).add(1)", "m.put(\"a\", 1) == null", "(x = 1) == 1",
                "x++ > 0", "items.clear() == null", "emit(\"x\", 1) == null", "halt() == null", "retract() == null",
                "[items][0].add(1)", "(true ? items : items).remove(0) == 1", "m.getOrDefault(\"a\", items).add(1)",
                "x += 1", "foreach (i : items) { i }");
        for (String condition : conditions) {
            assertThat(catchThrowable(() -> rules("rule \"pure\" {\n when " + condition + "\n then y = 1\n}")))
                    .as(condition).isInstanceOf(RuleCompilationException.class);
        }
    }

    /** Refused (passes): input stays read-only through ternaries, loop variables, defaults and copies; now cannot be written. */
    @Test
    void promise2_inputAndNowAreReadOnlyThroughAliases() {
        Map<String, Object> input = Facts.parse("{\"items\":[1,2],\"m\":{\"k\":[1]}}");
        String snapshot = Facts.toJson(input);
        List<String> actions = List.of(
                "(flag ? input.items : items).add(9)",
                "foreach (x : (flag ? input.m : m)) { (flag ? input.m : m).put(x, 1) }",
                "foreach (v : (flag ? [input.m][0] : m).values()) { v.add(1) }",
                "a.getOrDefault(\"zz\", input.m).put(\"k\", 2)",
                "a.getOrDefault(\"zz\", input.m).k.add(2)",
                "(flag ? input.items : items)[0] = 5",
                "(flag ? input.m : m).k = 5");
        for (String action : actions) {
            Outcome outcome = evaluate(rules("rule \"alias\" { when true then " + action + " }"),
                    fact("{\"flag\":true,\"items\":[],\"m\":{},\"a\":{}}"), input);
            if (outcome.error() == null) {
                assertThat(Facts.toJson(input)).as(action).isEqualTo(snapshot);
            } else {
                assertThat(outcome.error()).as(action).isInstanceOf(RuleEvaluationException.class);
                assertThat(((RuleEvaluationException) outcome.error()).reason()).as(action).contains("read-only");
            }
        }
        assertThat(Facts.toJson(input)).isEqualTo(snapshot);
        for (String action : List.of("now = 1", "now++", "now += 1", "input.items[0] = 1", "foreach (x : input.items) { x = 1 }",
                "foreach (x : input.m) { input.m.remove(x) }", "input.m.k.clear()")) {
            assertThat(catchThrowable(() -> rules("rule \"w\" { when true then " + action + " }"))).as(action)
                    .isInstanceOf(RuleCompilationException.class);
        }
    }

    /** Refused (passes): a failing evaluation leaves the caller's nested fact and input as they were. */
    @Test
    void promise5_failedEvaluationChangesNothing() {
        Map<String, Object> nested = new HashMap<>(Map.of("k", new ArrayList<>(List.of(1L))));
        Map<String, Object> callerFact = new HashMap<>(Map.of("items", new ArrayList<>(List.of(1L, 2L)), "m", nested,
                "n", 1L));
        Map<String, Object> callerInput = new HashMap<>(Map.of("list", new ArrayList<>(List.of(3L))));
        String factBefore = Facts.toJson(callerFact);
        String inputBefore = Facts.toJson(callerInput);
        RuleSet rules = rules("""
                rule "first" salience 2 { when true then items.add(3); m.k.add(2); m.put("new", 1); n = 2; retract() }
                rule "second" salience 1 { when true then items.clear(); m.k.clear(); x = 1 / 0 }
                """);
        RuleSet failing = rules("""
                rule "first" salience 2 { when true then items.add(3); m.k.add(2); m.put("new", 1); n = 2 }
                rule "second" salience 1 { when true then items.clear(); m.k.clear(); foreach (i : input.list) { x = 1 / 0 } }
                """);

        assertThat(catchThrowable(() -> failing.evaluate(callerFact, callerInput))).isInstanceOf(RuleEvaluationException.class);
        assertThat(rules.evaluate(callerFact, callerInput).retracted()).isTrue();

        assertThat(Facts.toJson(callerFact)).isEqualTo(factBefore);
        assertThat(Facts.toJson(callerInput)).isEqualTo(inputBefore);
    }

    // ================================================================ child JVM for heap-exhausting attacks

    /**
     * Runs one attack in a child JVM with a small heap and reports what happened: the class of the throwable (or
     * "OK") and how long the evaluation took.
     */
    static final class Isolated {

        static ChildJvm.Report run(String scenario, String heap) throws Exception {
            return ChildJvm.run(Isolated.class, scenario, heap);
        }

        public static void main(String[] args) {
            ChildJvm.report(() -> runScenario(args[0]));
        }

        /**
         * Sets up outside the timing: builds the rules and data, and warms the engine up with a harmless evaluation
         * (a cold child JVM can spend the whole budget loading classes).
         */
        private static void runScenario(String scenario) throws Throwable {
            RuleCompiler.compile("warm.grl", "ruleset \"warm\" time-budget 10s\n"
                            + "rule \"w\" { when true then x = \"\" + input.a; y = \"aaa\" ~= \"a+\"; emit(\"x\", x + 1); "
                            + "z = 1.5B.toPlainString(); foreach (i : input.a) { w = i } }")
                    .evaluate(new HashMap<>(), Map.of("a", List.of("a", "b")));
            switch (scenario) {
                case "regexCompile" -> {
                    RuleSet rules = RuleCompiler.compile("a.grl", "ruleset \"attack\" time-budget 50ms\n"
                            + "rule \"regex\" { when true then m = \"aaa\" ~= \"((a{1000}){100}){100}\" }");
                    evaluateTimed(rules, new HashMap<>(), Map.of());
                }
                case "plainString" -> {
                    RuleSet rules = RuleCompiler.compile("a.grl", "ruleset \"attack\" time-budget 50ms\n"
                            + "rule \"plain\" { when big.toPlainString().length() > 0 then x = 1 }");
                    evaluateTimed(rules, Facts.parse("{\"big\": 1e999999999}"), Map.of());
                }
                case "concatList" -> {
                    RuleSet rules = RuleCompiler.compile("a.grl", "ruleset \"attack\" time-budget 50ms\n"
                            + "rule \"concat\" { when true then x = \"\" + input.a }");
                    evaluateTimed(rules, new HashMap<>(), Map.of("a", Collections.nCopies(1 << 16, "a".repeat(MIB))));
                }
                case "emitMemory" -> {
                    RuleSet rules = RuleCompiler.compile("a.grl", "ruleset \"attack\" time-budget 30s\n"
                            + "rule \"hog\" { when true then foreach (i : input.l) { emit(\"x\", input.s + i) } }");
                    evaluateTimed(rules, new HashMap<>(), Map.of("s", "a".repeat(MIB - 8),
                            "l", LongStream.range(0, 10_000).boxed().toList()));
                }
                case "hugeFile" -> {
                    String text = "ruleset \"attack\"\nrule \"r\" { when x == 1 then y = [" + "1,".repeat(4_000_000) + "1] }";
                    long start = ChildJvm.cpuNanos();
                    try {
                        RuleCompiler.compile("huge.grl", text);
                    } finally {
                        ChildJvm.evalMillis(start);
                    }
                }
                default -> throw new IllegalArgumentException(scenario);
            }
        }

    }
}
