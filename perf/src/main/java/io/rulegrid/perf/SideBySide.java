package io.rulegrid.perf;

import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;

/**
 * RuleGrid and Easy Rules on the same rules (given by the subclass) and the same products, evaluated in turn
 * so that the JIT cannot fold a constant input.
 */
@State(Scope.Thread)
public abstract class SideBySide {

    private RuleSet ruleGrid;
    private EasyRulesBaseline easyRules;
    private ProductCycle products;

    /** The rules, in RGL. */
    abstract String rgl();

    @Setup
    public void setUp() {
        String rgl = rgl();
        ruleGrid = RuleCompiler.compile("bench.grl", rgl);
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
