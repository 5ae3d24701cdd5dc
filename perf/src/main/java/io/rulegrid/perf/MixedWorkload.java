package io.rulegrid.perf;

import io.rulegrid.demo.ECommerceWorkload;

import java.util.Random;

/**
 * The mixed workload: rules of four kinds in fixed proportions, each emitting the product's sku. Deterministic
 * for a seed; constants from the same ranges as {@link RangeWorkload}.
 * <ul>
 *   <li>3 in 10, equality-indexed: {@code category == "cat-N" && stock > C};</li>
 *   <li>3 in 10, ranges only: {@code price >= A && price < B && rating >= D};</li>
 *   <li>2 in 10, a range and a field-to-field comparison: {@code stock > C && price < cost * M};</li>
 *   <li>2 in 10, nothing an index can use: {@code tags.contains("new") && price < cost * M}.</li>
 * </ul>
 * M is 1.00–1.15 (prices are 0.95–1.55 × cost). A product matches about 5% of the rules; no action changes a
 * field, so no rule is re-activated.
 */
final class MixedWorkload {

    private MixedWorkload() {
    }

    /** {@code ruleCount} mixed rules, named {@code <kind>-<i>}. */
    static String rgl(int ruleCount, long seed) {
        Random random = new Random(seed);
        StringBuilder rgl = RangeWorkload.header("mixed");
        for (int i = 0; i < ruleCount; i++) {
            switch (i % 10) {
                case 0, 1, 2 -> RangeWorkload.rule(rgl, "equality-" + i, "category == \"cat-"
                        + random.nextInt(ECommerceWorkload.CATEGORIES) + "\" && stock > " + RangeWorkload.minStock(random));
                case 3, 4, 5 -> {
                    int width = RangeWorkload.width(random);
                    int from = RangeWorkload.priceFrom(random, width);
                    RangeWorkload.rule(rgl, "range-" + i, "price >= " + from + " && price < " + (from + width)
                            + " && rating >= " + RangeWorkload.minRating(random));
                }
                case 6, 7 -> RangeWorkload.rule(rgl, "margin-" + i, "stock > " + RangeWorkload.minStock(random)
                        + " && price < cost * " + margin(random));
                default -> RangeWorkload.rule(rgl, "new-" + i, "tags.contains(\"new\") && price < cost * " + margin(random));
            }
        }
        return rgl.toString();
    }

    private static double margin(Random random) {
        return (100 + random.nextInt(16)) / 100.0;
    }
}
