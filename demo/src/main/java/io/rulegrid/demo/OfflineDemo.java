package io.rulegrid.demo;

import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Output;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The e-commerce rules evaluated in this JVM, without a cluster: what one rule server would do. */
public final class OfflineDemo {

    private OfflineDemo() {
    }

    public static void run(PrintWriter out, int productCount, int ruleCount, long seed) {
        long compileStart = System.nanoTime();
        RuleSet rules = RuleCompiler.compile("catalog.grl", ECommerceWorkload.rulesRgl("catalog", ruleCount, seed));
        out.printf("compiled %d rules in %d ms%n", ruleCount, (System.nanoTime() - compileStart) / 1_000_000);
        List<Map<String, Object>> products = ECommerceWorkload.products(productCount, seed);

        for (int warmup = 0; warmup < 3; warmup++) {
            products.forEach(p -> rules.evaluate(p, Map.of()));
        }
        Map<String, Long> firings = new HashMap<>();
        Map<String, Long> outputs = new HashMap<>();
        long modified = 0;
        long start = System.nanoTime();
        for (Map<String, Object> product : products) {
            EvaluationResult result = rules.evaluate(product, Map.of());
            result.fired().forEach(rule -> firings.merge(rule, 1L, Long::sum));
            result.outputs().stream().map(Output::type).forEach(type -> outputs.merge(type, 1L, Long::sum));
            modified += result.modified().isEmpty() ? 0 : 1;
        }
        long nanos = System.nanoTime() - start;

        out.printf("evaluated %d products: %d firings, %d products modified, outputs %s%n", products.size(),
                firings.values().stream().mapToLong(Long::longValue).sum(), modified, outputs);
        out.println("top rules by firings:");
        Reports.top(firings, 10).forEach(e -> out.printf("  %-16s %6d%n", e.getKey(), e.getValue()));
        out.printf("throughput: %,.0f evaluations/s on one thread, %.1f us per evaluation of %d rules%n",
                products.size() / (nanos / 1e9), nanos / 1e3 / products.size(), ruleCount);
    }
}
