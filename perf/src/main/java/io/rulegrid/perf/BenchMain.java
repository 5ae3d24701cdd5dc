package io.rulegrid.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code scripts/bench.sh rules|grid|persist|facts|bulk|kafka}: runs a benchmark suite, prints a table of side-by-side
 * ratios and writes {@code perf/results/<suite>.json}. Any other first argument goes to JMH's own command line, so
 * {@code java -jar benchmarks.jar RangeEvaluation -f 1 -i 1} runs single benchmarks.
 */
public final class BenchMain {

    /** Rule counts of the cost curves (catalog and range workloads). */
    static final List<Integer> CURVE = List.of(10, 100, 1_000, 10_000);
    /** Rule count of the compile-time and retained-heap measurements. */
    static final int LARGE = 10_000;
    /** Products each ruleset evaluates before its warm retained heap is measured. */
    static final int WARM_EVALUATIONS = 200;
    static final int HEAP_REPETITIONS = 3;

    /** The targets the engine must meet, checked on every run. */
    static final List<Target> TARGETS = List.of(
            new Target("catalog", 1_000, Target.Kind.RATIO_AT_LEAST, 5),
            new Target("catalog", 1_000, Target.Kind.MICROS_BELOW, 50),
            new Target("catalog", 10_000, Target.Kind.MICROS_BELOW, 50),
            new Target("range", 1_000, Target.Kind.RATIO_AT_LEAST, 15),
            new Target("range", 1_000, Target.Kind.MICROS_BELOW, 20));

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String suite = args.length == 0 ? "" : args[0];
        Path results = Path.of(System.getProperty("rulegrid.results", "perf/results"));
        switch (suite) {
            case "rules" -> write(results.resolve("rules.json"),
                    rules(System.out, intArg(args, "--iterations", 5), intArg(args, "--warmup", 5)));
            case "grid" -> write(results.resolve("grid.json"), GridBench.run(System.out, intArg(args, "--seconds", 10)));
            case "persist" -> write(results.resolve("persist.json"),
                    PersistBench.run(System.out, intArg(args, "--seconds", 10)));
            case "bulk" -> write(results.resolve("bulk.json"),
                    BulkBench.run(System.out, intArg(args, "--seconds", 10),
                            sizesArg(args, "--sizes", BulkBench.SIZES)));
            case "kafka" -> write(results.resolve("kafka.json"),
                    KafkaBench.run(System.out, intArg(args, "--seconds", 20), stringArg(args, "--guarantee", null)));
            case "facts" -> {
                String tbf = stringArg(args, "--tbf", null);
                write(results.resolve(tbf == null ? "facts.json" : "facts-tbf-" + tbf + ".json"),
                        FactSizeBench.run(System.out, intArg(args, "--seconds", 5),
                                tbf == null ? "loopback" : "loopback limited by tbf to " + tbf));
            }
            case "", "-help", "--help", "-h" -> {
                System.err.println("usage: bench.sh rules [--iterations N] [--warmup N] | grid [--seconds N]"
                        + " | persist [--seconds N] | facts [--seconds N] [--tbf RATE]"
                        + " | bulk [--seconds N] [--sizes N,N] | kafka [--seconds N] [--guarantee G]");
                System.err.println("   or: java -jar benchmarks.jar <JMH options and benchmark regexes>");
                System.exit(suite.isEmpty() ? 2 : 0);
            }
            default -> org.openjdk.jmh.Main.main(args);
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        String value = stringArg(args, name, null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** A comma-separated list of counts, {@code 100000,1000000}. */
    private static List<Integer> sizesArg(String[] args, String name, List<Integer> fallback) {
        String value = stringArg(args, name, null);
        return value == null ? fallback
                : Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static Map<String, Object> rules(PrintStream out, int iterations, int warmups) throws RunnerException {
        int largeIterations = Math.max(1, (iterations + 1) / 2);
        int shotWarmups = Math.min(warmups, 2);
        String curve = "\\.(" + RuleSetEvaluationBenchmark.class.getSimpleName() + "|"
                + RangeEvaluationBenchmark.class.getSimpleName() + ")\\.";
        Scores scores = new Scores();
        // up to 1,000 rules, both engines, 1 s iterations
        scores.add(new Runner(timed(warmups, 1, iterations, 1)
                .include(curve)
                .param("ruleCount", counts(CURVE.subList(0, CURVE.size() - 1)))
                .include(MixedEvaluationBenchmark.class.getSimpleName())
                .include(ConditionBenchmark.class.getSimpleName())
                .include(FactJsonBenchmark.class.getSimpleName())
                .build()).run());
        // 10,000 rules, both engines: an evaluation takes milliseconds and 10,000 expressions take seconds to
        // warm up, so longer iterations, and fewer of them
        scores.add(new Runner(timed(warmups, 3, largeIterations, 2)
                .include(curve)
                .param("ruleCount", String.valueOf(LARGE))
                .build()).run());
        scores.add(new Runner(new OptionsBuilder()
                .include(CompileBenchmark.class.getSimpleName())
                .param("compiledRules", String.valueOf(LARGE))
                .forks(1).warmupIterations(shotWarmups).measurementIterations(iterations)
                .build()).run());
        Map<String, Map<String, RetainedHeap.ColdAndWarm>> heap = retainedHeap(out);

        Map<String, Object> report = header("rules", "JMH 1 fork, " + warmups + "x1s warmup, " + iterations
                + "x1s measurement; " + LARGE + " rules: " + warmups + "x3s warmup, " + largeIterations
                + "x2s measurement; compile: single shots, " + shotWarmups + " warmup, " + iterations
                + " measured; retained heap: median of " + HEAP_REPETITIONS + ", warm after " + WARM_EVALUATIONS
                + " evaluations");
        out.println();
        report.put("evaluation", evaluationTable(out, scores));
        report.put("conditionNanos", conditionRow(out, scores));
        report.put("compileMillis", compileTable(out, scores));
        report.put("retainedHeapMegabytes", heapTable(out, heap));

        double[] parse = scores.get("FactJsonBenchmark.parse");
        double[] write = scores.get("FactJsonBenchmark.write");
        if (parse != null && write != null) {
            out.printf("%nJSON fact, per evaluation on a member: parse %s ns, write %s ns%n", format(parse, "%.0f"),
                    format(write, "%.0f"));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("parse", score(parse));
            json.put("write", score(write));
            report.put("factJsonNanos", json);
        }

        out.println();
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Target target : TARGETS) {
            Double value = target.value(scores);
            out.printf(Locale.ROOT, "target: %-55s %s%n", target.description() + ":",
                    value == null ? "not measured FAIL" : target.format(value) + " " + (target.met(value) ? "PASS" : "FAIL"));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("workload", target.workload());
            json.put("ruleCount", target.ruleCount());
            json.put("target", target.description());
            json.put("value", value);
            json.put("pass", value != null && target.met(value));
            targets.add(json);
        }
        report.put("targets", targets);
        return report;
    }

    private static ChainedOptionsBuilder timed(int warmups, int warmupSeconds, int iterations, int seconds) {
        return new OptionsBuilder().forks(1)
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(warmupSeconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds));
    }

    private static String[] counts(List<Integer> counts) {
        return counts.stream().map(String::valueOf).toArray(String[]::new);
    }

    private static List<Map<String, Object>> evaluationTable(PrintStream out, Scores scores) {
        out.println("ratio: Easy Rules / RuleGrid, so above 1 RuleGrid is faster (smaller, for the heap)");
        out.printf("%-9s %6s %22s %22s %8s   %s%n", "workload", "rules", "RuleGrid us/eval", "Easy Rules us/eval",
                "ratio", "targets");
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, List<Integer>> workloads = new LinkedHashMap<>();
        workloads.put("catalog", CURVE);
        workloads.put("range", CURVE);
        workloads.put("mixed", List.of(1_000));
        workloads.forEach((workload, counts) -> {
            for (int count : counts) {
                String benchmark = benchmarkOf(workload);
                double[] grid = scores.get(benchmark + ".ruleGrid", count);
                double[] easy = scores.get(benchmark + ".easyRules", count);
                List<String> met = new ArrayList<>();
                List<Map<String, Object>> targets = new ArrayList<>();
                for (Target target : TARGETS) {
                    if (target.workload().equals(workload) && target.ruleCount() == count) {
                        Double value = target.value(scores);
                        boolean pass = value != null && target.met(value);
                        met.add(target.shortDescription() + " " + (pass ? "PASS" : "FAIL"));
                        Map<String, Object> json = new LinkedHashMap<>();
                        json.put("target", target.shortDescription());
                        json.put("value", value);
                        json.put("pass", pass);
                        targets.add(json);
                    }
                }
                out.printf(Locale.ROOT, "%-9s %6d %22s %22s %8s   %s%n", workload, count, format(grid, "%.2f"),
                        format(easy, "%.2f"), ratio(easy, grid), String.join(", ", met));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("workload", workload);
                row.putAll(row("ruleCount", count, grid, easy));
                row.put("targets", targets);
                rows.add(row);
            }
        });
        return rows;
    }

    private static String benchmarkOf(String workload) {
        return switch (workload) {
            case "catalog" -> RuleSetEvaluationBenchmark.class.getSimpleName();
            case "range" -> RangeEvaluationBenchmark.class.getSimpleName();
            case "mixed" -> MixedEvaluationBenchmark.class.getSimpleName();
            default -> throw new IllegalArgumentException(workload);
        };
    }

    private static Map<String, Object> conditionRow(PrintStream out, Scores scores) {
        double[] grid = perCondition(scores.get("ConditionBenchmark.ruleGrid"));
        double[] easy = perCondition(scores.get("ConditionBenchmark.easyRules"));
        out.printf(Locale.ROOT, "%-9s %6d %22s %22s %8s   (ns per condition)%n", "condition", ConditionBenchmark.CONDITIONS,
                format(grid, "%.1f"), format(easy, "%.1f"), ratio(easy, grid));
        return row("conditions", ConditionBenchmark.CONDITIONS, grid, easy);
    }

    private static List<Map<String, Object>> compileTable(PrintStream out, Scores scores) {
        out.printf("%n%-9s %6s %22s %22s %8s%n", "compile", "rules", "RuleGrid ms", "Easy Rules ms", "ratio");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String workload : List.of("catalog", "range")) {
            double[] grid = scores.get("CompileBenchmark.ruleGrid", LARGE, workload);
            double[] easy = scores.get("CompileBenchmark.easyRules", LARGE, workload);
            out.printf(Locale.ROOT, "%-9s %6d %22s %22s %8s%n", workload, LARGE, format(grid, "%.0f"),
                    format(easy, "%.0f"), ratio(easy, grid));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", workload);
            row.putAll(row("ruleCount", LARGE, grid, easy));
            rows.add(row);
        }
        out.println("  (RuleGrid: parse and compile the RGL text; Easy Rules: register the parsed rules as MVELRules)");
        return rows;
    }

    /**
     * Retained heap of the 10,000-rule rulesets, measured here in this JVM (the JMH forks have ended):
     * compiled, and after {@value #WARM_EVALUATIONS} evaluations (MVEL builds its accessors on first runs).
     */
    private static Map<String, Map<String, RetainedHeap.ColdAndWarm>> retainedHeap(PrintStream out) {
        out.printf("%nmeasuring the retained heap of %,d-rule rulesets...%n", LARGE);
        List<Map<String, Object>> products = Workloads.products(WARM_EVALUATIONS);
        Map<String, Map<String, RetainedHeap.ColdAndWarm>> heap = new LinkedHashMap<>();
        for (String workload : List.of("catalog", "range")) {
            String rgl = Workloads.rgl(workload, LARGE);
            Map<String, RetainedHeap.ColdAndWarm> engines = new LinkedHashMap<>();
            engines.put("ruleGrid", RetainedHeap.measure(() -> Workloads.compile(rgl),
                    ruleSet -> products.forEach(product -> ruleSet.evaluate(product, Map.of())), HEAP_REPETITIONS));
            engines.put("easyRules", RetainedHeap.measure(() -> new EasyRulesBaseline(Workloads.parse(rgl)),
                    baseline -> products.forEach(baseline::fire), HEAP_REPETITIONS));
            heap.put(workload, engines);
        }
        return heap;
    }

    private static List<Map<String, Object>> heapTable(PrintStream out,
                                                       Map<String, Map<String, RetainedHeap.ColdAndWarm>> heap) {
        out.printf("%n%-9s %6s %22s %22s %8s%n", "heap MB", "rules", "RuleGrid cold / warm", "Easy Rules cold / warm",
                "ratio");
        List<Map<String, Object>> rows = new ArrayList<>();
        heap.forEach((workload, engines) -> {
            RetainedHeap.ColdAndWarm grid = engines.get("ruleGrid");
            RetainedHeap.ColdAndWarm easy = engines.get("easyRules");
            out.printf(Locale.ROOT, "%-9s %6d %22s %22s %8s%n", workload, LARGE,
                    String.format(Locale.ROOT, "%.1f / %.1f", grid.cold().median(), grid.warm().median()),
                    String.format(Locale.ROOT, "%.1f / %.1f", easy.cold().median(), easy.warm().median()),
                    String.format(Locale.ROOT, "%.1fx", easy.warm().median() / grid.warm().median()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", workload);
            row.put("ruleCount", LARGE);
            row.put("ruleGrid", grid.json());
            row.put("easyRules", easy.json());
            rows.add(row);
        });
        out.printf("  (median of %d; cold: compiled; warm: after %d evaluations; ratio of the warm heaps)%n",
                HEAP_REPETITIONS, WARM_EVALUATIONS);
        return rows;
    }

    private static double[] perCondition(double[] score) {
        return score == null ? null
                : new double[] {score[0] / ConditionBenchmark.CONDITIONS, score[1] / ConditionBenchmark.CONDITIONS};
    }

    /** A score and its error; JMH gives no error (NaN) for a single iteration. */
    private static String format(double[] score, String number) {
        if (score == null) {
            return "n/a";
        }
        return Double.isNaN(score[1]) ? String.format(Locale.ROOT, number, score[0])
                : String.format(Locale.ROOT, number + " ± " + number, score[0], score[1]);
    }

    private static String ratio(double[] easy, double[] grid) {
        return easy == null || grid == null ? "n/a" : String.format(Locale.ROOT, "%.1fx", easy[0] / grid[0]);
    }

    private static Map<String, Object> row(String key, int value, double[] grid, double[] easy) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(key, value);
        row.put("ruleGrid", score(grid));
        row.put("easyRules", score(easy));
        row.put("ratio", easy == null || grid == null ? null : easy[0] / grid[0]);
        return row;
    }

    private static Map<String, Object> score(double[] score) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("score", score == null ? null : score[0]);
        json.put("error", score == null || Double.isNaN(score[1]) ? null : score[1]);
        return json;
    }

    static Map<String, Object> header(String suite, String settings) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("suite", suite);
        report.put("date", Instant.now().toString());
        report.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("settings", settings);
        return report;
    }

    private static void write(Path file, Map<String, Object> report) throws IOException {
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        System.out.println("wrote " + file);
    }

    /**
     * JMH scores (score and error) by {@code Class.method} and parameter values, in the order of the parameter
     * names: {@code get("RangeEvaluationBenchmark.ruleGrid", 1000)}, {@code get("CompileBenchmark.ruleGrid",
     * 10000, "range")} (compiledRules, workload).
     */
    static final class Scores {

        private final Map<String, double[]> scores = new HashMap<>();

        void add(Iterable<RunResult> runs) {
            for (RunResult run : runs) {
                String method = run.getParams().getBenchmark();
                StringBuilder key = new StringBuilder(method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1));
                Map<String, String> params = new TreeMap<>();
                run.getParams().getParamsKeys().forEach(name -> params.put(name, run.getParams().getParam(name)));
                params.values().forEach(value -> key.append('@').append(value));
                scores.put(key.toString(), new double[] {
                        run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError()});
            }
        }

        /** The score and its error, or {@code null} when the benchmark did not run or failed. */
        double[] get(String benchmark, Object... params) {
            StringBuilder key = new StringBuilder(benchmark);
            for (Object param : params) {
                key.append('@').append(param);
            }
            return scores.get(key.toString());
        }
    }

    /** A target of the rule engine: a minimum ratio to Easy Rules or a maximum time per evaluation. */
    record Target(String workload, int ruleCount, Kind kind, double bound) {

        enum Kind { RATIO_AT_LEAST, MICROS_BELOW }

        /** The measured ratio or RuleGrid microseconds, or {@code null} when a side did not run. */
        Double value(Scores scores) {
            String benchmark = benchmarkOf(workload);
            double[] grid = scores.get(benchmark + ".ruleGrid", ruleCount);
            double[] easy = scores.get(benchmark + ".easyRules", ruleCount);
            if (grid == null || (kind == Kind.RATIO_AT_LEAST && easy == null)) {
                return null;
            }
            return kind == Kind.RATIO_AT_LEAST ? easy[0] / grid[0] : grid[0];
        }

        boolean met(double value) {
            return kind == Kind.RATIO_AT_LEAST ? value >= bound : value < bound;
        }

        String shortDescription() {
            return kind == Kind.RATIO_AT_LEAST ? String.format(Locale.ROOT, ">= %.0fx", bound)
                    : String.format(Locale.ROOT, "< %.0f us", bound);
        }

        String description() {
            return String.format(Locale.ROOT, "%s, %,d rules, RuleGrid %s", workload, ruleCount,
                    kind == Kind.RATIO_AT_LEAST ? shortDescription() + " Easy Rules" : shortDescription() + " per evaluation");
        }

        String format(double value) {
            return kind == Kind.RATIO_AT_LEAST ? String.format(Locale.ROOT, "%.1fx", value)
                    : String.format(Locale.ROOT, "%.1f us", value);
        }
    }
}
