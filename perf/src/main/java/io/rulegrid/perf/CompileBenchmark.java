package io.rulegrid.perf;

import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;
import io.rulegrid.rules.RuleSetDefinition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The time to get a large ruleset ready, one single shot per iteration (after warm-up shots, so this is a
 * member that has compiled rulesets before, not a cold JVM). RuleGrid: {@code RuleCompiler.compile} from the
 * RGL text (parse included), as a deployment does. Easy Rules: registering an {@code MVELRule} per rule from
 * the already parsed rules (parsing not counted), as {@link EasyRulesBaseline} does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {

    @Param({"catalog", "range"})
    String workload;

    /** Not named {@code ruleCount}: the runs that set the evaluation benchmarks' rule counts must not set it. */
    @Param({"10000"})
    int compiledRules;

    private String rgl;
    private RuleSetDefinition definition;

    @Setup(Level.Trial)
    public void setUp() {
        rgl = Workloads.rgl(workload, compiledRules);
        definition = Workloads.parse(rgl);
    }

    @Benchmark
    public RuleSet ruleGrid() {
        return RuleCompiler.compile("bench.grl", rgl);
    }

    @Benchmark
    public EasyRulesBaseline easyRules() {
        return new EasyRulesBaseline(definition);
    }
}
