package io.rulegrid.demo;

import io.rulegrid.api.EvaluationResult;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleDefinition;
import io.rulegrid.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo and benchmark workload: deterministic, compiling, and shaped as the benchmarks assume. */
class ECommerceWorkloadTest {

    @Test
    void thousandRulesCompileAndEachCategoryHasTenOfThem() {
        RuleSet rules = RuleCompiler.compile("catalog.grl", ECommerceWorkload.rulesRgl("catalog", 1000, 42));

        assertThat(rules.definition().rules()).hasSize(1000);
        for (int category = 0; category < ECommerceWorkload.CATEGORIES; category++) {
            String test = "category == \"cat-" + category + "\"";
            assertThat(rules.definition().rules().stream().map(RuleDefinition::condition)
                    .filter(c -> c.text().startsWith(test + " "))).as("rules of cat-%d", category).hasSize(10);
        }
    }

    @Test
    void sameSeedGivesTheSameWorkload() {
        assertThat(ECommerceWorkload.products(100, 7)).isEqualTo(ECommerceWorkload.products(100, 7));
        assertThat(ECommerceWorkload.rulesRgl("x", 300, 7)).isEqualTo(ECommerceWorkload.rulesRgl("x", 300, 7));
        assertThat(ECommerceWorkload.products(100, 7)).isNotEqualTo(ECommerceWorkload.products(100, 8));
    }

    @Test
    void rulesFireOnTheGeneratedProducts() {
        RuleSet rules = RuleCompiler.compile("catalog.grl", ECommerceWorkload.rulesRgl("catalog", 1000, 42));

        long firings = ECommerceWorkload.products(500, 42).stream()
                .mapToLong(p -> rules.evaluate(p, Map.of()).fired().size()).sum();

        assertThat(firings).isGreaterThan(250);
    }

    @Test
    void paymentRulesReviewLargeCryptoOrdersAndApproveTheRest() {
        RuleSet payments = RuleCompiler.compile("payments.grl", ECommerceWorkload.paymentRulesRgl("payments"));
        Map<String, Object> order = ECommerceWorkload.order(1, 100, new Random(1));
        order.put("paymentMethod", "CRYPTO");
        order.put("total", 900.0);

        EvaluationResult crypto = payments.evaluate(order, Map.of());
        order.put("total", 20.0);
        EvaluationResult small = payments.evaluate(order, Map.of());

        assertThat(crypto.fact()).containsEntry("status", "REVIEW");
        // one decision of the payment group each (free-shipping may come with it, by country)
        assertThat(crypto.outputs()).extracting(o -> o.type()).contains("fraud-check").doesNotContain("approved");
        assertThat(small.fact()).containsEntry("status", "APPROVED");
        assertThat(small.outputs()).extracting(o -> o.type()).contains("approved").doesNotContain("fraud-check");
    }

    @Test
    void offlineDemoReportsTopRulesAndThroughput() {
        StringWriter text = new StringWriter();

        OfflineDemo.run(new PrintWriter(text, true), 300, 200, 42);

        assertThat(text.toString()).contains("compiled 200 rules", "evaluated 300 products", "top rules by firings:",
                "throughput:");
    }
}
