package io.rulegrid.perf;

import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One evaluation of the e-commerce ruleset over one product, RuleGrid and Easy Rules side by side on the
 * same rules and the same products (cycled, so the JIT cannot fold a constant input).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RuleSetEvaluationBenchmark {

    @Param({"10", "100", "1000"})
    int ruleCount;

    private RuleSet ruleGrid;
    private EasyRulesBaseline easyRules;
    private ProductCycle products;

    @Setup
    public void setUp() {
        String rgl = Workloads.catalogRgl(ruleCount);
        ruleGrid = RuleCompiler.compile("catalog.grl", rgl);
        easyRules = new EasyRulesBaseline(Workloads.parse(rgl));
        products = new ProductCycle(Workloads.products(Workloads.PRODUCTS));
    }

    @Benchmark
    public Object ruleGrid() {
        return ruleGrid.evaluate(products.next(), Map.of());
    }

    @Benchmark
    public Object easyRules() {
        return easyRules.fire(products.next());
    }
}
