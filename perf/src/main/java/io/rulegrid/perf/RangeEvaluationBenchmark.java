package io.rulegrid.perf;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/** The range workload ({@link RangeWorkload}): one evaluation of 10 to 10,000 range rules over one product. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RangeEvaluationBenchmark extends SideBySide {

    @Param({"10", "100", "1000", "10000"})
    int ruleCount;

    @Override
    String rgl() {
        return Workloads.rangeRgl(ruleCount);
    }
}
