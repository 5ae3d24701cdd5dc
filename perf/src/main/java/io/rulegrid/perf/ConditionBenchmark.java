package io.rulegrid.perf;

import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one condition: {@value #CONDITIONS} false, unindexable conditions over one product; the score
 * divided by {@value #CONDITIONS} is nanoseconds per condition evaluation (fact copy and agenda included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConditionBenchmark {

    static final int CONDITIONS = 1_000;

    private RuleSet ruleGrid;
    private EasyRulesBaseline easyRules;
    private ProductCycle products;

    @Setup
    public void setUp() {
        String rgl = Workloads.unindexedFalseConditionsRgl(CONDITIONS);
        ruleGrid = RuleCompiler.compile("conditions.grl", rgl);
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
