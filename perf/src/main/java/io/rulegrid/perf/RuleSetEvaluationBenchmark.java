package io.rulegrid.perf;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/** The catalog workload: one evaluation of the demo's e-commerce ruleset of 10 to 10,000 rules over one product. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RuleSetEvaluationBenchmark extends SideBySide {

    @Param({"10", "100", "1000", "10000"})
    int ruleCount;

    @Override
    String rgl() {
        return Workloads.catalogRgl(ruleCount);
    }
}
