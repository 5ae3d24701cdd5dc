package io.rulegrid.perf;

import io.rulegrid.client.demo.ECommerceWorkload;
import io.rulegrid.rules.RuleSetDefinition;

import java.util.List;
import java.util.Map;

/** The benchmarks' shared inputs: the e-commerce rules and products of the demo. */
final class Workloads {

    static final long SEED = 42;
    static final int PRODUCTS = 1_000;

    private Workloads() {
    }

    static String catalogRgl(int ruleCount) {
        return ECommerceWorkload.rulesRgl("catalog", ruleCount, SEED);
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
            rgl.append("rule \"c").append(i).append("\" { when price < cost * 0.5 && stock > ").append(i)
                    .append(" then flagged = true }\n");
        }
        return rgl.toString();
    }

    static RuleSetDefinition parse(String rgl) {
        return io.rulegrid.rules.RuleCompiler.parse("bench.grl", rgl);
    }
}
