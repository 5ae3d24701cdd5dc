package io.rulegrid.perf;

import io.rulegrid.rules.RuleSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Map;

/**
 * RuleGrid and Easy Rules on the same rules (given by the subclass) and the same products, evaluated in turn
 * so that the JIT cannot fold a constant input. Each benchmark method runs in its own fork and compiles only
 * its own engine's rules: a 10,000-rule ruleset takes seconds to compile, and the other engine's rules would
 * only add to the heap the measured one works in. RuleGrid's time budget is set to a minute
 * ({@link Workloads#compile}); Easy Rules has none.
 */
@State(Scope.Thread)
public abstract class SideBySide {

    private RuleSet ruleGrid;
    private EasyRulesBaseline easyRules;
    private ProductCycle products;

    /** The rules, in RGL. */
    abstract String rgl();

    @Setup
    public void setUp(BenchmarkParams params) {
        String rgl = rgl();
        if (params.getBenchmark().endsWith(".easyRules")) {
            easyRules = new EasyRulesBaseline(Workloads.parse(rgl));
        } else {
            ruleGrid = Workloads.compile(rgl);
        }
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
