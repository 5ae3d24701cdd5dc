package io.rulegrid.perf;

import io.rulegrid.demo.ECommerceWorkload;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;
import io.rulegrid.rules.RuleSetDefinition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' shared inputs: the products and e-commerce ("catalog") rules of the demo, the range and
 * mixed rulesets over the same products, all from one seed.
 */
final class Workloads {

    static final long SEED = 42;
    static final int PRODUCTS = 1_000;

    private Workloads() {
    }

    static String catalogRgl(int ruleCount) {
        return ECommerceWorkload.rulesRgl("catalog", ruleCount, SEED);
    }

    /** {@link RangeWorkload}: {@code price >= A && price < B && stock > C && rating >= D}. */
    static String rangeRgl(int ruleCount) {
        return RangeWorkload.rgl(ruleCount, SEED);
    }

    /** {@link MixedWorkload}: equality-indexed, range and unindexable conditions. */
    static String mixedRgl(int ruleCount) {
        return MixedWorkload.rgl(ruleCount, SEED);
    }

    /** The rules of a workload by name: {@code catalog}, {@code range} or {@code mixed}. */
    static String rgl(String workload, int ruleCount) {
        return switch (workload) {
            case "catalog" -> catalogRgl(ruleCount);
            case "range" -> rangeRgl(ruleCount);
            case "mixed" -> mixedRgl(ruleCount);
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
    }

    static List<Map<String, Object>> products(int count) {
        return ECommerceWorkload.products(count, SEED);
    }

    /**
     * {@code ruleCount} rules whose conditions are all false and cannot be indexed: every evaluation evaluates
     * every condition, so the time per evaluation divided by the rule count is the cost of one condition.
     */
    static String unindexedFalseConditionsRgl(int ruleCount) {
        StringBuilder rgl = new StringBuilder("ruleset \"conditions\"\n");
        for (int i = 0; i < ruleCount; i++) {
            // stock * 1 is no field, so no rule index can skip the condition
            rgl.append("rule \"c").append(i).append("\" { when price < cost * 0.5 && stock * 1 > ").append(i)
                    .append(" then flagged = true }\n");
        }
        return rgl.toString();
    }

    /**
     * Compiles the rules for a benchmark, with a time budget of a minute: a benchmark measures speed, and a
     * cold or stalled evaluation on a busy machine must not end it (the catalog's own budget is 250 ms).
     */
    static RuleSet compile(String rgl) {
        RuleSet ruleSet = RuleCompiler.compile("bench.grl", rgl);
        return ruleSet.withLimits(ruleSet.limits().withTimeBudget(Duration.ofMinutes(1)));
    }

    static RuleSetDefinition parse(String rgl) {
        return RuleCompiler.parse("bench.grl", rgl);
    }
}
