package io.rulegrid.perf;

import java.util.Locale;

/**
 * The Kafka benchmark's ruleset: about 100 rules evaluated for every order, and one decision at least per order.
 *
 * <p>{@value #THRESHOLD_RULES} rules {@code total > quantity * T} (a unit price above T), each with its own T: a
 * comparison of two fields is no {@code field OP constant} test, so the rule index cannot leave any of them out and
 * no two share a test (docs/rule-engine.md), so each evaluation runs all of their conditions. T runs from 290 up in
 * steps of 0.5, so that of the orders' unit prices (5 to 305) only the highest match a few of them: about 0.8 of
 * these rules fire per order (measured over the benchmark's orders), each emitting a {@code risk} output. Rule
 * {@code reviewed}, last, fires for every order and emits the {@code reviewed} output, so that every event has a
 * decision to be timed by. Every decision is a Kafka record: the decisions topic carries about 1.8 records per
 * event.
 */
final class ReviewRules {

    static final String RULESET = "order-review";
    static final int THRESHOLD_RULES = 99;
    static final int RULES = THRESHOLD_RULES + 1;

    private ReviewRules() {
    }

    static String rgl() {
        StringBuilder rgl = new StringBuilder("ruleset \"" + RULESET + "\" time-budget 1s\n\n");
        for (int i = 0; i < THRESHOLD_RULES; i++) {
            double threshold = 290 + i * 0.5;
            rgl.append(String.format(Locale.ROOT, """
                    rule "risk-%d" salience 10 no-loop {
                      when total > quantity * %.1f
                      then emit("risk", ["id": id, "threshold": %.1f])
                    }
                    """, i, threshold, threshold));
        }
        rgl.append("""
                rule "reviewed" salience -100 no-loop {
                  when true
                  then emit("reviewed", id)
                }
                """);
        return rgl.toString();
    }
}
