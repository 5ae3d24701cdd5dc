package io.rulegrid.rules.internal.engine;

import io.rulegrid.api.Facts;
import io.rulegrid.rules.Limits;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;

import java.time.Duration;
import java.util.Map;

/**
 * Runs the evaluator over a sample of every kind of expression once per JVM, before the first ruleset is
 * compiled, so that class loading and the JIT's first compilations do not count against the time budget
 * of the first real evaluations (a two-rule ruleset's first evaluation took 8–12 ms of a 50 ms budget
 * on an idle machine without it).
 */
final class Warmup {

    private static final int ROUNDS = 40;

    private static final String SAMPLE = """
            ruleset "warmup"
            rule "pricing" salience 10 no-loop activation-group "g" {
              when price < cost * 1.05 && status == "ACTIVE" && tags contains "new" && !(sku ~= "x.*")
              then status = "REVIEW"; emit("alert", ["sku": sku, "reason": "margin " + (price / cost)]);
            }
            rule "totals" no-loop {
              when items != null && items.size() > 0 && customer.tier != null || rating >= 4.5
              then total = 0; count = 0;
                   foreach (item : items) { total += item.price * item.qty; count++ }
                   if (total > 100 && Math.abs(total - 100) > 0.5) { band = "high" } else { band = "low" }
                   average = Math.round(total / Math.max(count, 1) * 100) / 100.0;
                   tags.add(sku.toUpperCase().substring(0, 1)); meta.put("n", items.size());
                   parts = sku.split("-"); big = 1.25B * count; flag = average instanceof Number ? true : false;
            }
            """;

    private Warmup() {
    }

    /** Runs the warm-up if it has not run in this JVM; the first caller waits for it. */
    static void ensure() {
        Holder.touch();
    }

    private static final class Holder {
        static {
            run();
        }

        static void touch() {
            // loading this class runs the warm-up exactly once
        }
    }

    private static void run() {
        RuleSet sample = RuleCompiler.compile("warmup.grl", SAMPLE)
                .withLimits(new Limits(100, Duration.ofSeconds(30)));
        Map<String, Object> fact = Facts.parse("""
                {"sku":"a-1","price":10.0,"cost":9.9,"status":"ACTIVE","tags":["new"],"rating":4.8,
                 "customer":{"tier":"gold"},"meta":{},"items":[{"price":12.5,"qty":4},{"price":99,"qty":1}]}""");
        for (int i = 0; i < ROUNDS; i++) {
            sample.evaluate(fact, Map.of());
        }
    }
}
