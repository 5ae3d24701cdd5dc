package io.rulegrid.perf;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * The mixed workload ({@link MixedWorkload}): one evaluation of 1,000 equality-indexed, range and unindexable
 * rules over one product.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MixedEvaluationBenchmark extends SideBySide {

    /** Not named {@code ruleCount}: the runs that set the cost curves' rule counts must not set it. */
    @Param({"1000"})
    int mixedRules;

    @Override
    String rgl() {
        return Workloads.mixedRgl(mixedRules);
    }
}
