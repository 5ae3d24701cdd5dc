package io.rulegrid.perf;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

/**
 * The cost of one condition: {@value #CONDITIONS} false, unindexable conditions over one product; the score
 * divided by {@value #CONDITIONS} is nanoseconds per condition evaluation (fact copy and agenda included).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConditionBenchmark extends SideBySide {

    static final int CONDITIONS = 1_000;

    @Override
    String rgl() {
        return Workloads.unindexedFalseConditionsRgl(CONDITIONS);
    }
}
