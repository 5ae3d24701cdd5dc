package io.rulegrid.rules;

import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first evaluation in a fresh JVM runs within the default 50 ms budget: the MVEL-based engine failed a
 * two-rule ruleset's first evaluation through the Java API ("time budget of 50 ms exceeded after 0
 * firings"). The evaluator is warmed once per JVM before the first compile, outside any budget.
 */
class FirstEvaluationTest {

    @Test
    void firstEvaluationOfATwoRuleRulesetInAFreshJvmPassesTheDefaultBudget() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FreshJvm.class.getName()).redirectErrorStream(true).start();

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).as(output).contains("fired=[LowMargin, Total]");
        assertThat(process.exitValue()).isZero();
    }

    /** Runs in a child JVM: the first compile and the first evaluation of that JVM, with the default limits. */
    static final class FreshJvm {
        public static void main(String[] args) {
            RuleSet rules = RuleCompiler.compile("pricing.grl", """
                    ruleset "pricing"
                    rule "LowMargin" salience 10 no-loop {
                      when price < cost * 1.05 && status == "ACTIVE"
                      then status = "REVIEW"; emit("alert", ["sku": sku])
                    }
                    rule "Total" no-loop { when items != null then total = 0; foreach (i : items) { total += i.price } }
                    """);
            EvaluationResult result = rules.evaluate(Facts.parse("""
                    {"sku":"A-1","price":10.0,"cost":9.9,"status":"ACTIVE","items":[{"price":2.5},{"price":1}]}"""),
                    Map.of());
            System.out.println("fired=" + result.fired());
        }
    }
}
