package io.rulegrid.rules;

import io.rulegrid.api.RuleEvaluationException;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the evaluator attack tests share: rule sets under attack, timed evaluations and their outcomes. */
final class AttackRules {

    private AttackRules() {
    }

    static RuleSet rules(String header, String body) {
        return RuleCompiler.compile("attack.grl", header + "\n" + body);
    }

    /** The rules under a 50 ms budget. */
    static RuleSet rules(String body) {
        return rules("ruleset \"attack\" time-budget 50ms", body);
    }

    /**
     * What one evaluation did: its result or what it threw, and the CPU time of the thread that ran it. An attack
     * that escapes the budget runs uninterruptibly and costs its CPU time in full, while other processes on a
     * shared machine stretch the wall-clock time of a well-behaved evaluation but not its CPU time.
     */
    record Outcome(EvaluationResult result, Throwable error, long cpuMillis) {
        @Override
        public String toString() {
            return (error != null ? error.getClass().getName() + ": " + abbreviate(error.getMessage())
                    : "result fired=" + result.fired() + " modified=" + result.modified()) + " after " + cpuMillis
                    + " ms of CPU";
        }
    }

    static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    static Outcome evaluate(RuleSet rules, Map<String, Object> fact, Map<String, Object> input) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        try {
            EvaluationResult result = rules.evaluate(fact, input);
            return new Outcome(result, null, (threads.getCurrentThreadCpuTime() - start) / 1_000_000);
        } catch (Throwable e) {
            return new Outcome(null, e, (threads.getCurrentThreadCpuTime() - start) / 1_000_000);
        }
    }

    /**
     * What an evaluation may overrun its budget by: the clock is read between operations, so one operation over the
     * largest value a rule sees (an input string of 16 Mi characters) runs to its end first, up to about half a
     * second before the JIT has compiled it. An attack that escapes the budget runs for seconds.
     */
    static final long SLACK_MILLIS = 1_000;

    /** Promise 3: stopped with a RuleEvaluationException naming ruleset and rule within 2x budget + slack of CPU. */
    static void assertStoppedInTime(Outcome outcome, long budgetMillis, String ruleset, String rule) {
        assertThat(outcome.cpuMillis())
                .as("promise 3: stopped within twice the %d ms budget (+%d ms slack) of CPU: %s", budgetMillis,
                        SLACK_MILLIS, outcome)
                .isLessThan(2 * budgetMillis + SLACK_MILLIS);
        assertThat(outcome.error())
                .as("promise 3: the rule must be stopped by its time budget, but: %s", outcome)
                .isInstanceOf(RuleEvaluationException.class);
        RuleEvaluationException e = (RuleEvaluationException) outcome.error();
        assertThat(e.ruleset()).contains(ruleset);
        assertThat(e.rule()).contains(rule);
    }

    static Map<String, Object> fact(String json) {
        return Facts.parse(json);
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** In a child JVM: evaluates and prints how long the evaluation itself took, for {@link ChildJvm.Report}. */
    static void evaluateTimed(RuleSet rules, Map<String, Object> fact, Map<String, Object> input) {
        long start = ChildJvm.cpuNanos();
        try {
            rules.evaluate(fact, input);
        } finally {
            ChildJvm.evalMillis(start);
        }
    }
}
