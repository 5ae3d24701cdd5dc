package io.rulegrid.rules;

import io.rulegrid.api.RuleEvaluationException;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.rulegrid.rules.AttackRules.Outcome;

import static io.rulegrid.rules.AttackRules.evaluate;
import static io.rulegrid.rules.AttackRules.evaluateTimed;
import static io.rulegrid.rules.AttackRules.fact;
import static io.rulegrid.rules.AttackRules.map;
import static io.rulegrid.rules.AttackRules.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Second round of white-box attacks on the rule evaluator, after the fixes of {@link EvaluatorAttackTest}. Each
 * test asserts a PROMISE of the evaluator and is named for it; a failing test is a finding, a passing one documents
 * an attack that is refused.
 *
 * <p>Promises: (1) no reach outside the fact; (2) conditions change nothing, input and now are read-only; (3) every
 * rule is stopped within twice its time budget with a RuleEvaluationException naming ruleset and rule; (4) no
 * OutOfMemoryError / StackOverflowError / other exception escapes the API; (5) a failed evaluation changes nothing;
 * (6) actionable messages without Java class names; (7) the rule index and the shared condition parts never change
 * results; (8) {@code modified()} lists exactly the top-level fields whose value differs, {@code fact()} every change.
 * Besides: docs/rgl.md is a promise, and results of ordinary rules are MVEL's except where docs/rgl.md section 13
 * lists a difference.
 *
 * <p>Bulk data (long strings) is passed in the input so that the budget is spent on the attack itself; attacks that
 * exhaust the heap run in a child JVM with a small heap.
 */
class EvaluatorAttackRound2Test {

    private static final long BUDGET = 50;
    /** Promise 3 with the slack of round one: twice the budget plus {@link AttackRules#SLACK_MILLIS}. */
    private static final long DEADLINE = 2 * BUDGET + AttackRules.SLACK_MILLIS;
    /** 2^60 as a Double; Double.toString gives 1.15292150460684698E18, whose decimal value is 2^60 + 4. */
    private static final double TWO_TO_60 = 0x1p60;

    // ------------------------------------------------------------------------------------------------ helpers

    private static void assertStoppedInTime(Outcome outcome, String rule) {
        AttackRules.assertStoppedInTime(outcome, BUDGET, "attack", rule);
    }

    /** What an evaluation did, as text comparable between two rulesets: fired rules and fact, or the error. */
    private static String outcomeText(RuleSet rules, Map<String, Object> fact) {
        try {
            EvaluationResult r = rules.evaluate(fact, Map.of());
            return "fired=" + r.fired() + " fact=" + r.fact() + " modified=" + r.modified();
        } catch (RuleEvaluationException e) {
            return "error in " + e.rule().orElse("?") + ": " + e.reason().replaceAll("at \\d+:\\d+: ", "");
        }
    }

    // ======================================================================== promise 7: shared condition parts

    /**
     * Attack: a shared conjunct whose value depends on more than the JSON value of the field it reads. Rule
     * "convert" writes x = 1.0 over the Long 1 (and y = 1). Evaluation.changedFields compares with MeteredJson.equal,
     * which finds 1 and 1.0 equal, so x is not "changed" and SharedParts.forget never forgets the remembered value of
     * {@code x instanceof Double} (false, from the first pass). "watch" is re-evaluated because y changed, reads the
     * stale false from the shared slot and does not fire. Written so that nothing is shared, "watch" re-computes the
     * conjunct (now true) and fires. The same holds for {@code x.toString()}, {@code "" + x}, {@code x.scale()} of
     * 1.0B vs 1.00B, {@code -0.0} vs {@code 0.0} and the key order of a map ({@code m.keySet()}).
     */
    @Test
    void promise7_sharedPartsAreForgottenWhenAFieldIsRewrittenWithAnEqualValueOfAnotherType() {
        String common = """
                rule "convert" salience 10 no-loop { when true then x = 1.0; y = 1 }
                rule "watch" salience 5 { when x instanceof Double && y == 1 then hit = true }
                """;
        RuleSet shared = rules(common + "rule \"other\" { when x instanceof Double && z == 1 then other = true }");
        RuleSet unshared = rules(common + "rule \"other\" { when (x instanceof Double) == true && z == 1 then other = true }");

        assertThat(outcomeText(shared, fact("{\"x\":1,\"y\":0}")))
                .as("promise 7: sharing the conjunct 'x instanceof Double' must not change the result")
                .isEqualTo(outcomeText(unshared, fact("{\"x\":1,\"y\":0}")));
    }

    /** Same root cause through the key order of a map: remove and put back reorders the keys, the value is "equal". */
    @Test
    void promise7_sharedPartsAreForgottenWhenTheKeyOrderOfAMapChanges() {
        String common = """
                rule "reorder" salience 10 no-loop { when true then v = m.remove("a"); m.put("a", v); y = 1 }
                rule "watch" salience 5 { when m.keySet().get(0) == "b" && y == 1 then hit = true }
                """;
        RuleSet shared = rules(common + "rule \"other\" { when m.keySet().get(0) == \"b\" && z == 1 then other = true }");
        RuleSet unshared = rules(common + "rule \"other\" { when (m.keySet().get(0) == \"b\") == true && z == 1 then other = true }");
        String json = "{\"m\":{\"a\":1,\"b\":2},\"y\":0}";

        assertThat(outcomeText(shared, fact(json))).as("promise 7").isEqualTo(outcomeText(unshared, fact(json)));
    }

    /**
     * Refused (passes): shared conjuncts whose field really changes are forgotten, whatever the path of the change:
     * a nested field, a loop variable, a method on an alias (get), an element of a list of lists, the whole fact
     * through fact[expr] and fact.put, an emit of a live value followed by a change, and reads of input and now.
     */
    @Test
    void promise7_sharedPartsAreForgottenAfterChangesThroughAliases() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("a.b.c == 2", "a.b.c = 2");
        cases.put("l[0].q == 1", "foreach (e : l) { e.q = 1 }");
        cases.put("m.get(\"k\").size() == 2", "m.get(\"k\").add(1)");
        cases.put("ll[1][0] == 5", "foreach (e : ll) { if (e.size() > 0) { e.set(0, 5) } }");
        cases.put("fact.size() > 7", "fact[\"n\" + 1] = 1");
        cases.put("fact[\"s\"] == \"t\"", "fact.put(s2, \"t\")");
        cases.put("l.size() == 2", "emit(\"o\", l); l.add([\"q\": 0])");
        cases.put("input.k == null && now > 0 && a.b.c == 2", "a.getOrDefault(\"zz\", a).b.c = 2");
        String json = "{\"a\":{\"b\":{\"c\":1}},\"l\":[{\"q\":0}],\"m\":{\"k\":[1]},\"ll\":[[],[1]],\"s\":\"u\","
                + "\"s2\":\"s\",\"y\":0}";
        SoftAssertions soft = new SoftAssertions();
        cases.forEach((conjunct, action) -> {
            String common = "rule \"act\" salience 10 no-loop { when true then " + action + "; y = 1 }\n"
                    + "rule \"watch\" salience 5 { when " + conjunct + " && y == 1 then hit = true }\n";
            RuleSet shared = rules(common + "rule \"other\" { when " + conjunct + " && z == 1 then other = true }");
            RuleSet unshared = rules(common + "rule \"other\" { when (" + conjunct + ") == true && z == 1 then other = true }");
            String expected = outcomeText(unshared, fact(json));
            soft.assertThat(expected).as(conjunct).contains("watch");
            soft.assertThat(outcomeText(shared, fact(json))).as("promise 7: %s after %s", conjunct, action).isEqualTo(expected);
        });
        soft.assertAll();
    }

    // ================================================================================== promise 7: rule index

    /**
     * Attack: a Double above 2^53 against a BigDecimal constant. The condition compares a Double with a BigDecimal by
     * the Double's shortest decimal text (NumberOrder.decimal: 2^60 reads 1152921504606846980), so
     * {@code x == 1152921504606846980B} holds for x = 1.0 * 2^60. RuleIndex.lookupKey keys the Double by its exact
     * value as a Long (1152921504606846976) and the constant as 1152921504606846980: after "make" sets x, admits()
     * cancels "r" without evaluating it; written so it cannot be indexed, "r" fires.
     */
    @Test
    void promise7_equalityIndexKeysLargeDoublesLikeTheComparison() {
        String make = "rule \"make\" salience 10 no-loop { when true then x = 1.0 * 1152921504606846976 }\n";
        RuleSet indexed = rules(make + "rule \"r\" { when x == 1152921504606846980B then hit = true }");
        RuleSet plain = rules(make + "rule \"r\" { when (x == 1152921504606846980B) == true then hit = true }");

        assertThat(outcomeText(indexed, fact("{\"x\":0}"))).as("promise 7")
                .isEqualTo(outcomeText(plain, fact("{\"x\":0}")));
    }

    /**
     * Attack: NumberOrder is not transitive across types beyond 2^53 (Long vs Double exact, Double vs BigDecimal by
     * the Double's shortest text): 1152921504606846978 > 2^60 (Double) = 1152921504606846980B > 1152921504606846978.
     * RangeIndex sorts the bounded intervals by lower bound with that order and binary-searches them
     * (countLowAtMost): for x = 2^60 as a Double the search stops at the Long lower bound ...978 and never looks at
     * the interval [1152921504606846980B, 1152921504606846990B], whose condition holds. Without the index "c" fires.
     */
    @Test
    void promise7_rangeIndexFindsIntervalsWhateverTheNumberTypesOfTheirBounds() {
        String body = """
                rule "p" { when x >= 1152921504606846876 && x <= 1152921504606846877 then p = true }
                rule "q" { when x >= 1152921504606846978 && x <= 1152921504606846979 then q = true }
                rule "c" { when x >= 1152921504606846980B && x <= 1152921504606846990B then c = true }
                """;
        RuleSet indexed = rules(body);
        RuleSet plain = rules(body.replace("when x", "when (x").replace(" then", ") == true then"));
        Map<String, Object> fact = new HashMap<>(Map.of("x", TWO_TO_60));

        assertThat(outcomeText(indexed, fact)).as("promise 7").isEqualTo(outcomeText(plain, fact));
    }

    // ================================================================== promise 8: modified() and changed()

    /**
     * Attack: Evaluation.result decides what is modified with Facts.deepEquals, the engine's change detection and
     * {@code ==} with MeteredJson.equal, and the two disagree: (a) Long vs Double: deepEquals compares a Double by
     * its shortest text, so x = x * 1.0 turning the Long 1152921504606846980 into the Double 2^60 (a different number
     * for {@code ==}: the rule "differs" fires) is not in modified(), so a grid writing back modified fields keeps
     * the old number; (b) -0.0 vs 0.0:
     * deepEquals uses Double.compare, so x: 0.0 -> 5.0 -> -0.0 over two firings lists x as modified, while the
     * same final value written in one firing does not (docs: an equal value, numerically, is not a change).
     */
    @Test
    void promise8_modifiedUsesTheSameEqualityAsTheRules() {
        RuleSet widen = rules("""
                rule "widen" salience 10 no-loop { when true then x = x * 1.0 }
                rule "differs" { when x != 1152921504606846980 then differs = true }
                """);
        RuleSet twoSteps = rules("""
                rule "a" salience 2 no-loop { when true then x = 5.0 }
                rule "b" salience 1 no-loop { when true then x = -0.0 }
                """);
        RuleSet oneStep = rules("rule \"b\" no-loop { when true then x = -0.0 }");

        EvaluationResult widened = widen.evaluate(fact("{\"x\":1152921504606846980}"), Map.of());
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(widened.fired()).contains("differs");
        soft.assertThat(widened.modified()).as("promise 8: x is a different number now (x != its old value holds)")
                .contains("x");
        soft.assertThat(twoSteps.evaluate(fact("{\"x\":0.0}"), Map.of()).modified())
                .as("promise 8: modified must not depend on the path to an equal final value")
                .isEqualTo(oneStep.evaluate(fact("{\"x\":0.0}"), Map.of()).modified());
        soft.assertAll();
    }

    /**
     * Attack: Evaluation.changedFields collects the fields one firing changed in a HashSet, so within one action
     * modified() comes in hash order: {@code z = 1; a = 2; m = 3; b = 4} gives [a, b, z, m], where docs/rgl.md
     * (section 7) and EvaluationResult's javadoc promise "in order of first change" ([z, a, m, b]).
     */
    @Test
    void promise8_modifiedIsInOrderOfFirstChange() {
        RuleSet rules = rules("rule \"r\" { when true then z = 1; a = 2; m = 3; b = 4 }");

        assertThat(rules.evaluate(fact("{}"), Map.of()).modified()).containsExactly("z", "a", "m", "b");
    }

    // ====================================================================================== promise 3: budgets

    /**
     * Attack: arithmetic is never charged to the meter (Values.arithmetic / Values.decimals charge nothing), and a
     * BigDecimal remainder within the limits (1,000 digits, exponent within 10,000) divides a 20,000-digit
     * quotient: ~15 ms each. 100 iterations of {@code r = x % y} charge 201 steps, less than the 256 between two
     * reads of the clock: the action runs for over a second with a 50 ms budget.
     */
    @Test
    void promise3_decimalArithmeticIsChargedToTheBudget() {
        String x = "9".repeat(1000) + "E9001B";
        String y = "7".repeat(1000) + "E-10000B";
        RuleSet rules = rules("rule \"modulo\" { when true then foreach (i : input.l) { r = " + x + " % " + y + " } }");

        assertStoppedInTime(evaluate(rules, fact("{}"), map("l", LongStream.range(0, 100).boxed().toList())), "modulo");
    }

    /**
     * Attack: String methods that do work proportional to the length but charge one step
     * (Methods.string: equalsIgnoreCase, compareTo, compareToIgnoreCase, startsWith, endsWith, isBlank, trim,
     * strip): {@code a.equalsIgnoreCase(b)} on two 16 Mi-character strings that differ in case takes ~30 ms, and
     * a loop over 130 elements charges 131 steps up front and 2 per iteration, so 63 iterations (~2 s) pass before
     * the clock is read.
     */
    @Test
    void promise3_longStringComparisonsAreChargedToTheBudget() {
        RuleSet rules = rules("rule \"compare\" { when true then foreach (i : input.l) { r = input.a.equalsIgnoreCase(input.b) } }");
        Map<String, Object> input = map("a", "a".repeat(16 << 20), "b", "A".repeat(16 << 20),
                "l", LongStream.range(0, 130).boxed().toList());

        assertStoppedInTime(evaluate(rules, fact("{}"), input), "compare");
    }

    /**
     * Attack: Regexes.programSize misreads RE2 escapes with braces: after {@code \p{L}} it takes {@code {L}} for a
     * repetition and resets its "last atom", so the real repetition {@code {1000}} that follows counts as six
     * literal characters. {@code [a-z]*(?:\p{L}{1000}){10}} is estimated at 102 instructions (real: ~10,000), so
     * chargeMatch lets it run on 30,000 characters (MAX_MATCH_WORK allows 490,000): RE2's NFA then keeps up to 10,000
     * threads per character, ~3 s of uninterruptible matching. (Same with {@code \x{41}{1000}}, {@code \Q{\E{1000}}.)
     */
    @Test
    void promise3_regexCostOfUnicodeClassRepetitionIsEstimated() {
        RuleSet rules = rules("rule \"regex\" { when true then m = input.s ~= \"[a-z]*(?:\\\\p{L}{1000}){10}\" }");

        assertStoppedInTime(evaluate(rules, fact("{}"), map("s", "a".repeat(30_000))), "regex");
    }

    /**
     * Attack: RE2 is linear per search, but split() searches once per separator, and each search of
     * {@code a*b|a} on "aaa..." runs its preferred alternative a*b to the end of the text before it may take the
     * match "a": quadratic. Regexes.split charges one match ((length + 1) x program size, a few thousand steps)
     * and then lets RE2/J's Pattern.split run uninterruptibly: 10,000 characters take ~3 s (20,000: ~10 s).
     */
    @Test
    void promise3_splitIsChargedForEverySearch() {
        RuleSet rules = rules("rule \"split\" { when true then parts = input.s.split(\"a*b|a\") }");

        assertStoppedInTime(evaluate(rules, fact("{}"), map("s", "a".repeat(10_000))), "split");
    }

    // ======================================================================= promise 4: memory (child JVM)

    /**
     * Attack: Regexes.programSize treats a parenthesis inside {@code \Q...\E} as a group: {@code \Q(\E} opens a
     * group in the estimate (RE2 reads a literal "("), so the real {@code )} after it closes that empty group and
     * the repetition multiplies almost nothing. {@code (?:(?:a{1000}\Q(\E){1000}\Q(\E){10}} is estimated at 3,026
     * instructions, but RE2/J compiles 10^7: Pattern.compile (uninterruptible) runs for seconds and ends in
     * OutOfMemoryError in a 128 MiB heap (one compile needs ~1 GiB); with {1000} instead of {10} it exhausts any
     * heap. The pattern is cached statically (Regexes.CACHE), so even smaller ones pile up across evaluations.
     */
    @Test
    void promise4_regexProgramSizeIsBoundedWhateverItsQuoting() throws Exception {
        ChildJvm.Report report = Isolated.run("regexQuoted", "128m");

        assertThat(report.outcome()).as("promise 3/4: %s", report).isEqualTo(RuleEvaluationException.class.getName());
        assertThat(report.evalMillis()).as("promise 3: %s", report).isLessThan(DEADLINE);
    }

    /**
     * Attack: the allocation budget (Meter.allocate, 16 Mi characters and elements per evaluation) is not charged by
     * strip()/trim() (Methods.string "strip/0", "trim/0" return new strings uncharged) nor by list.add of a String
     * (Values.stored shares it). {@code l.add(input.s.strip())} with a 4 Mi-character s keeps a fresh 4 MiB string per
     * iteration: with an author-chosen long budget, OutOfMemoryError in a 256 MiB heap within a second.
     */
    @Test
    void promise4_stripAndTrimAreChargedToTheAllocationBudget() throws Exception {
        ChildJvm.Report report = Isolated.run("strip", "256m");

        assertThat(report.outcome()).as("promise 4: %s", report).isEqualTo(RuleEvaluationException.class.getName());
    }

    /**
     * Attack: Values.plus builds the text of a concatenation up to max-string and charges the allocation budget only
     * once it is built ({@code meter.allocate(out.length())} after Values.text). max-string is the author's
     * (up to 16 Mi): with {@code max-string 16777216}, {@code "" + input.a} for a list of 512 references to one 1 MiB
     * string grows a StringBuilder to 512 Mi characters: OutOfMemoryError in a 256 MiB heap, where the allocation
     * budget should have stopped it at 16 Mi. (TextSearch.replace has the same order: check after building.)
     */
    @Test
    void promise4_concatenationIsBoundedByTheAllocationBudgetWhateverMaxString() throws Exception {
        ChildJvm.Report report = Isolated.run("concat", "256m");

        assertThat(report.outcome()).as("promise 4: %s", report).isEqualTo(RuleEvaluationException.class.getName());
    }

    // ============================================================================ promise 6: messages

    /**
     * Attack: {@code 1E+400B.doubleValue()} returns Infinity (Methods.number "doubleValue/0" does not check
     * finiteness, unlike Math functions and arithmetic); comparing it with a decimal calls
     * NumberOrder.decimal -> BigDecimal.valueOf(Infinity), a NumberFormatException that Evaluation.run reports as
     * "action failed: java.lang.NumberFormatException: Character I is neither a decimal digit number..." with no
     * position. Same with {@code ==}, {@code +}, compareTo and Math.min/max against a BigDecimal.
     */
    @Test
    void promise6_infiniteDoubleValueGivesAnActionableMessage() {
        SoftAssertions soft = new SoftAssertions();
        for (String action : List.of("x = 1E+400B.doubleValue() < 1B", "x = 1E+400B.doubleValue() == 1B",
                "x = (1E+400B.doubleValue() + 1B) > 0")) {
            Throwable thrown = catchThrowable(() -> rules("rule \"mistake\" {\n when true\n then " + action + "\n}")
                    .evaluate(fact("{}"), Map.of()));
            soft.assertThat(thrown).as(action).isInstanceOf(RuleEvaluationException.class);
            if (thrown instanceof RuleEvaluationException e) {
                soft.assertThat(e.reason()).as("promise 6: %s", action).doesNotContain("java.", "Exception").contains("at 4:");
            }
        }
        soft.assertAll();
    }

    // ================================================================= correctness: TextSearch, split, round

    /**
     * Attack: TextSearch.lastIndexOf searches a long pattern (text length x pattern length over 2^20) by reversing
     * both with StringBuilder.reverse, which keeps surrogate pairs in order: a pattern that starts with a low
     * surrogate (the second half of a pair in the text) is not found. {@code s.lastIndexOf(p)} with s = "😀" + 1,100
     * x and p = "\uDE00" + 1,100 x gives -1; String.lastIndexOf (and MVEL) gives 1.
     */
    @Test
    void lastIndexOfAgreesWithStringOnSurrogatePairs() {
        String s = "\uD83D\uDE00" + "x".repeat(1100);
        String p = "\uDE00" + "x".repeat(1100);
        String q = "x".repeat(1100) + "\uD83D";
        RuleSet rules = rules("rule \"r\" { when true then r = s.lastIndexOf(p); t = (q + \"\\uDE00\").lastIndexOf(q) }");

        EvaluationResult result = rules.evaluate(map("s", s, "p", p, "q", q), Map.of());

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(result.fact().get("r")).as("s.lastIndexOf(p)").isEqualTo((long) s.lastIndexOf(p));
        soft.assertThat(result.fact().get("t")).as("(q + low surrogate).lastIndexOf(q)")
                .isEqualTo((long) (q + "\uDE00").lastIndexOf(q));
        soft.assertAll();
    }

    /**
     * Attack: Regexes.split uses RE2/J's Pattern.split, which keeps one empty string when every part is empty:
     * {@code ",".split(",")} is [""] and {@code "a.b.c".split(".")} is [""], where docs/rgl.md ("trailing empty
     * strings dropped"), Regexes' own javadoc ("as String#split does") and MVEL give [] (size 0).
     */
    @Test
    void splitDropsTrailingEmptyStringsLikeJavaAndMvel() {
        RuleSet rules = rules("rule \"r\" { when true then a = \",\".split(\",\"); b = \"a.b.c\".split(\".\"); c = \"xx\".split(\"x\") }");

        EvaluationResult result = rules.evaluate(fact("{}"), Map.of());

        assertThat(result.fact()).containsEntry("a", List.of()).containsEntry("b", List.of()).containsEntry("c", List.of());
    }

    /**
     * Attack: MathFunctions.round computes floor(d + 0.5) in double arithmetic, where d + 0.5 rounds: a whole Double
     * above 2^52 comes back changed ({@code Math.round(4503599627370497.0)} = 4503599627370498,
     * {@code Math.round(-4503599627370497.0)} = -4503599627370496) and {@code Math.round(0.49999999999999994)} = 1;
     * MVEL (Java's Math.round) and the documented floor(x + 0.5) give 4503599627370497, -4503599627370497 and 0.
     * And docs/rgl.md section 6 says a BigDecimal rounds "half-up (away from zero)", but
     * {@code Math.round(-2.5B)} is -2 (MathFunctions.round adds 0.5 and floors, towards positive infinity).
     */
    @Test
    void mathRoundIsExactAndAsDocumented() {
        RuleSet rules = rules("rule \"r\" { when true then a = Math.round(4503599627370497.0); "
                + "b = Math.round(-4503599627370497.0); c = Math.round(0.49999999999999994); d = Math.round(-2.5B) }");

        EvaluationResult result = rules.evaluate(fact("{}"), Map.of());

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(result.fact().get("a")).as("Math.round(4503599627370497.0)").isEqualTo(4503599627370497L);
        soft.assertThat(result.fact().get("b")).as("Math.round(-4503599627370497.0)").isEqualTo(-4503599627370497L);
        soft.assertThat(result.fact().get("c")).as("Math.round(0.49999999999999994)").isEqualTo(0L);
        soft.assertThat(result.fact().get("d")).as("Math.round(-2.5B), half up towards positive infinity as for doubles").isEqualTo(-2L);
        soft.assertAll();
    }

    // ============================================================ docs/rgl.md as a promise; the API's exceptions

    /**
     * Attack: claims of docs/rgl.md that the code contradicts. Section 8.3 promises rule files of 16,777,216
     * characters and 50,000 rules per ruleset, but RuleCompiler.MAX_FILE_LENGTH is 4 MiB (a 5,000,000-character
     * file is refused: "at most 4194304") and RuleSetCompiler.MAX_RULES is 20,000 (20,001 rules are refused).
     * Section 2.1 says the literal -9223372036854775808 is a BigDecimal; it is a Long (Values.negate).
     */
    @Test
    void docsLimitsAndLiteralTypesHold() {
        String bigFile = "ruleset \"big\"\n/*" + "x".repeat(4_000_000) + "*/\nrule \"r\" { when true then x = 1 }";
        StringBuilder manyRules = new StringBuilder("ruleset \"many\"\n");
        for (int i = 0; i < 20_000; i++) {
            manyRules.append("rule \"r").append(i).append("\" { when x == ").append(i).append(" then y = 1 }\n");
        }

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(catchThrowable(() -> RuleCompiler.compile("big.grl", bigFile)))
                .as("a rule file of 4,000,000 characters (docs: at most 4,194,304)").isNull();
        soft.assertThat(catchThrowable(() -> RuleCompiler.compile("many.grl", manyRules.toString())))
                .as("a ruleset of 20,000 rules (docs: at most 20,000)").isNull();
        soft.assertThat(rules("rule \"r\" { when true then t = -9223372036854775808 instanceof Long }")
                .evaluate(fact("{}"), Map.of()).fact().get("t"))
                .as("docs 2.1: -9223372036854775808 is a Long").isEqualTo(true);
        soft.assertAll();
    }

    /**
     * Attack: null API arguments. Promise 4 allows only RuleCompilationException, RuleEvaluationException,
     * MalformedFactException and IllegalArgumentException for bad arguments, but RuleSet.evaluate(fact, null),
     * evaluate(fact, input, null), withLimits(null) (Objects.requireNonNull in CompiledRuleSet) and
     * RuleCompiler.compile(null, text) / compile("a.grl", null) throw NullPointerException (the last two with
     * "Cannot invoke String.length() because text is null"). evaluate(null, input) is handled ("fact must not be null").
     */
    @Test
    void promise4_nullApiArgumentsAreIllegalArguments() {
        RuleSet rules = rules("rule \"r\" { when true then x = 1 }");
        Map<String, ThrowingCall> calls = new LinkedHashMap<>();
        calls.put("evaluate(fact, null)", () -> rules.evaluate(new HashMap<>(), null));
        calls.put("evaluate(fact, input, null)", () -> rules.evaluate(new HashMap<>(), Map.of(), (Ticker) null));
        calls.put("evaluate(fact, input, null aggregates)",
                () -> rules.evaluate(new HashMap<>(), Map.of(), (Map<String, Object>) null));
        calls.put("withLimits(null)", () -> rules.withLimits(null));
        calls.put("compile(null, text)", () -> RuleCompiler.compile(null, "ruleset \"a\""));
        calls.put("compile(name, null)", () -> RuleCompiler.compile("a.grl", null));

        SoftAssertions soft = new SoftAssertions();
        calls.forEach((call, code) -> soft.assertThat(catchThrowable(code::call)).as("promise 4: %s", call)
                .isInstanceOfAny(IllegalArgumentException.class, RuleEvaluationException.class,
                        RuleCompilationException.class));
        soft.assertAll();
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void call() throws Exception;
    }

    // ============================================ refused (these pass): change tracking through aliases

    /**
     * Refused (passes): every way found to change the fact through an alias is tracked: loop variables over lists
     * and over a map's keys, get(), nested elements, fact.x / fact["x"] / fact[expr], getOrDefault, a ternary, and
     * emit of a live value; copies (values(), subList(), a list literal, an assignment) change nothing. For each
     * action, modified() is exactly the set of top-level fields that differ.
     */
    @Test
    void promise8_changesThroughAliasesAreTracked() {
        String json = "{\"a\":{\"l\":[1,[2]]},\"b\":[[1],[2]],\"m\":{\"k\":[1]},\"n\":1,\"s\":\"x\"}";
        List<String> actions = List.of(
                "foreach (e : b) { e.add(9) }", "b.get(0).add(9)", "b[1][0] = 5", "foreach (k : m) { m[k].add(2) }",
                "m.get(\"k\").clear()", "a.l[1].add(3)", "fact[\"a\"].l.add(1)", "fact.a.l.add(1)", "fact[s] = 1",
                "foreach (v : m.values()) { v.add(1) }", "b.subList(0, 1)[0].add(1)", "emit(\"o\", b); b[0].add(7)",
                "a.getOrDefault(\"l\", []).add(4)", "(n > 0 ? b : m).add(1)", "foreach (x : [b]) { x[0].add(1) }",
                "y = b; y[0].add(1)", "foreach (e : b) { foreach (f : e) { e.set(0, f + 1) } }",
                "fact.put(\"n\", 2)", "fact.remove(\"s\")", "foreach (k : fact) { if (k == \"m\") { fact[k].k.add(5) } }");
        SoftAssertions soft = new SoftAssertions();
        for (String action : actions) {
            RuleSet rules = rules("rule \"act\" no-loop { when true then " + action + " }");
            Map<String, Object> before = fact(json);
            EvaluationResult result = rules.evaluate(fact(json), Map.of());
            java.util.Set<String> differing = new java.util.TreeSet<>();
            java.util.Set<String> keys = new java.util.HashSet<>(before.keySet());
            keys.addAll(result.fact().keySet());
            for (String key : keys) {
                if (before.containsKey(key) != result.fact().containsKey(key)
                        || !Facts.deepEquals(before.get(key), result.fact().get(key))) {
                    differing.add(key);
                }
            }
            soft.assertThat(new java.util.TreeSet<>(result.modified())).as("modified after %s", action).isEqualTo(differing);
        }
        soft.assertAll();
    }

    // ================================================================ child JVM for heap-exhausting attacks

    /**
     * Runs one attack in a child JVM with a small heap and reports what happened: the class of the throwable (or
     * "OK") and how long the evaluation took (the pattern of {@link EvaluatorAttackTest}).
     */
    static final class Isolated {

        static ChildJvm.Report run(String scenario, String heap) throws Exception {
            return ChildJvm.run(Isolated.class, scenario, heap);
        }

        public static void main(String[] args) {
            ChildJvm.report(() -> runScenario(args[0]));
        }

        /** Sets up outside the timing: builds the rules and data, and warms the engine up with a harmless evaluation. */
        private static void runScenario(String scenario) throws Throwable {
            RuleCompiler.compile("warm.grl", "ruleset \"warm\" time-budget 10s\n"
                            + "rule \"w\" { when true then x = \"\" + input.a; y = \"aaa\" ~= \"a+\"; emit(\"x\", x + 1); "
                            + "z = \" a\".strip(); l = []; foreach (i : input.a) { l.add(i) } }")
                    .evaluate(new HashMap<>(), Map.of("a", List.of("a", "b")));
            switch (scenario) {
                case "regexQuoted" -> {
                    RuleSet rules = RuleCompiler.compile("a.grl", "ruleset \"attack\" time-budget 50ms\n"
                            + "rule \"regex\" { when true then m = \"aaa\" ~= \"(?:(?:a{1000}\\\\Q(\\\\E){1000}\\\\Q(\\\\E){10}\" }");
                    evaluateTimed(rules, new HashMap<>(), Map.of());
                }
                case "strip" -> {
                    RuleSet rules = RuleCompiler.compile("a.grl", "ruleset \"attack\" time-budget 60s\n"
                            + "rule \"hog\" { when true then l = []; foreach (i : input.l) { l.add(input.s.strip()) } }");
                    evaluateTimed(rules, new HashMap<>(), Map.of("s", " " + "a".repeat(4 << 20),
                            "l", LongStream.range(0, 1_000).boxed().toList()));
                }
                case "concat" -> {
                    RuleSet rules = RuleCompiler.compile("a.grl", "ruleset \"attack\" time-budget 60s max-string 16777216\n"
                            + "rule \"concat\" { when true then x = \"\" + input.a }");
                    evaluateTimed(rules, new HashMap<>(), Map.of("a", Collections.nCopies(512, "a".repeat(1 << 20))));
                }
                default -> throw new IllegalArgumentException(scenario);
            }
        }

    }
}
