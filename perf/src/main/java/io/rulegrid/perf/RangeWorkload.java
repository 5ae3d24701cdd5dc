package io.rulegrid.perf;

import java.util.Random;

/**
 * The range workload: rules {@code price >= A && price < B && stock > C && rating >= D}, each emitting the
 * product's sku. Deterministic for a seed.
 *
 * <p>The constants are drawn from the value ranges of the benchmark products
 * ({@code ECommerceWorkload.products}: cost 5–200 and price 0.95–1.55 × cost, so price 4.75–310; stock
 * 0–199; rating 1–5): a price interval of width {@value #MIN_WIDTH}–{@value #MAX_WIDTH} within
 * {@value #PRICE_FROM}–{@value #PRICE_TO}, C in 0–{@value #MAX_STOCK}, D in 1.0–5.0 by
 * tenths. A product then matches about 2% of the rules (about 20 of 1,000; {@code RangeWorkloadTest} keeps
 * the share realistic). Boundaries are whole numbers and stock is whole, so ties ({@code price == A},
 * {@code stock == C}) occur and the strictness of each comparison matters.
 *
 * <p>The action emits and changes no field, so no rule is ever re-activated: an evaluation is one pass
 * over the conditions plus one firing per match, the same work in RuleGrid and in Easy Rules.
 */
final class RangeWorkload {

    static final int PRICE_FROM = 5;
    static final int PRICE_TO = 300;
    static final int MIN_WIDTH = 5;
    static final int MAX_WIDTH = 40;
    static final int MAX_STOCK = 200;

    private RangeWorkload() {
    }

    /** {@code ruleCount} range rules, named {@code range-<i>}. */
    static String rgl(int ruleCount, long seed) {
        Random random = new Random(seed);
        StringBuilder rgl = header("range");
        for (int i = 0; i < ruleCount; i++) {
            int width = width(random);
            int from = priceFrom(random, width);
            rule(rgl, "range-" + i, "price >= " + from + " && price < " + (from + width)
                    + " && stock > " + minStock(random) + " && rating >= " + minRating(random));
        }
        return rgl.toString();
    }

    /**
     * The ruleset's first line. The time budget is generous: a benchmark must not fail because a cold or
     * stalled (garbage collection, a busy shared machine) evaluation of a 10,000-rule ruleset took long.
     */
    static StringBuilder header(String name) {
        return new StringBuilder("ruleset \"").append(name).append("\" time-budget 5s\n\n");
    }

    /** A rule whose action emits {@code ("match", sku)} and changes nothing. */
    static void rule(StringBuilder rgl, String name, String condition) {
        rgl.append("rule \"").append(name).append("\" {\n  when\n    ").append(condition)
                .append("\n  then\n    emit(\"match\", sku);\n}\n\n");
    }

    /** The width of a price interval: {@value #MIN_WIDTH}–{@value #MAX_WIDTH}. */
    static int width(Random random) {
        return MIN_WIDTH + random.nextInt(MAX_WIDTH - MIN_WIDTH + 1);
    }

    /** The lower end of a price interval of that width, which ends at {@value #PRICE_TO} at the latest. */
    static int priceFrom(Random random, int width) {
        return PRICE_FROM + random.nextInt(PRICE_TO - width - PRICE_FROM + 1);
    }

    /** C of {@code stock > C}: 0–{@value #MAX_STOCK}. */
    static int minStock(Random random) {
        return random.nextInt(MAX_STOCK + 1);
    }

    /** D of {@code rating >= D}: 1.0–5.0 by tenths. */
    static double minRating(Random random) {
        return (10 + random.nextInt(41)) / 10.0;
    }
}
