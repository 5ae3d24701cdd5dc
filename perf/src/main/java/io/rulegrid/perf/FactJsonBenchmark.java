package io.rulegrid.perf;

import io.rulegrid.api.Facts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What storing facts as JSON ({@code HazelcastJsonValue}) costs an evaluation on the member: one parse of
 * the stored product and one write of the changed one. The figure behind the storage decision in
 * {@code docs/grid.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FactJsonBenchmark {

    private List<String> json;
    private ProductCycle products;
    private int next;

    @Setup
    public void setUp() {
        List<Map<String, Object>> list = Workloads.products(Workloads.PRODUCTS);
        json = list.stream().map(Facts::toJson).toList();
        products = new ProductCycle(list);
    }

    @Benchmark
    public Object parse() {
        next = next + 1 == json.size() ? 0 : next + 1;
        return Facts.parse(json.get(next));
    }

    @Benchmark
    public Object write() {
        return Facts.toJson(products.next());
    }
}
