package io.rulegrid.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/bench.sh rules|grid}: runs a benchmark suite, prints a table of side-by-side ratios and
 * writes {@code perf/results/<suite>.json}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String suite = args.length == 0 ? "" : args[0];
        Path results = Path.of(System.getProperty("rulegrid.results", "perf/results"));
        switch (suite) {
            case "rules" -> write(results.resolve("rules.json"), rules(System.out, intArg(args, "--iterations", 5)));
            case "grid" -> write(results.resolve("grid.json"), GridBench.run(System.out, intArg(args, "--seconds", 10)));
            default -> {
                System.err.println("usage: bench.sh rules [--iterations N] | grid [--seconds N]");
                System.exit(2);
            }
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    static Map<String, Object> rules(PrintStream out, int iterations) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(RuleSetEvaluationBenchmark.class.getSimpleName())
                .include(ConditionBenchmark.class.getSimpleName())
                .include(FactJsonBenchmark.class.getSimpleName())
                .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> runs = new Runner(options).run();

        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult run : runs) {
            String method = run.getParams().getBenchmark();
            String name = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
            String rules = run.getParams().getParam("ruleCount");
            scores.put(rules == null ? name : name + "@" + rules, new double[] {
                run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError()});
        }

        Map<String, Object> report = header("rules", "JMH 1 fork, 3x1s warmup, " + iterations + "x1s measurement");
        List<Map<String, Object>> rows = new ArrayList<>();
        out.println();
        out.printf("%-8s %22s %22s %8s%n", "rules", "RuleGrid us/eval", "Easy Rules us/eval", "ratio");
        for (String count : List.of("10", "100", "1000")) {
            double[] grid = scores.get("RuleSetEvaluationBenchmark.ruleGrid@" + count);
            double[] easy = scores.get("RuleSetEvaluationBenchmark.easyRules@" + count);
            out.printf("%-8s %14.2f ± %5.2f %14.2f ± %5.2f %7.1fx%n", count, grid[0], grid[1], easy[0], easy[1], easy[0] / grid[0]);
            rows.add(row("ruleCount", Integer.parseInt(count), grid, easy));
        }
        double[] gridCondition = perCondition(scores.get("ConditionBenchmark.ruleGrid"));
        double[] easyCondition = perCondition(scores.get("ConditionBenchmark.easyRules"));
        out.printf("%-8s %14.1f ± %5.1f %14.1f ± %5.1f %7.1fx   (ns per condition)%n", "cond", gridCondition[0],
                gridCondition[1], easyCondition[0], easyCondition[1], easyCondition[0] / gridCondition[0]);

        double[] parse = scores.get("FactJsonBenchmark.parse");
        double[] write = scores.get("FactJsonBenchmark.write");
        out.printf("JSON fact, per evaluation on a member: parse %.0f ± %.0f ns, write %.0f ± %.0f ns%n", parse[0], parse[1],
                write[0], write[1]);

        double grid1000 = scores.get("RuleSetEvaluationBenchmark.ruleGrid@1000")[0];
        double ratio1000 = scores.get("RuleSetEvaluationBenchmark.easyRules@1000")[0] / grid1000;
        out.printf("%ntarget: RuleGrid >= 5x Easy Rules at 1,000 rules: %.1fx %s%n", ratio1000, ratio1000 >= 5 ? "PASS" : "MISS");
        out.printf("target: 1,000-rule evaluation < 50 us on one core: %.1f us %s%n", grid1000, grid1000 < 50 ? "PASS" : "MISS");

        report.put("evaluation", rows);
        report.put("conditionNanos", row("conditions", ConditionBenchmark.CONDITIONS, gridCondition, easyCondition));
        report.put("factJsonNanos", Map.of("parse", Map.of("score", parse[0], "error", parse[1]),
                "write", Map.of("score", write[0], "error", write[1])));
        report.put("targets", Map.of("ratioAt1000", ratio1000, "ratioAt1000Target", 5.0,
                "microsAt1000", grid1000, "microsAt1000Target", 50.0));
        return report;
    }

    private static double[] perCondition(double[] score) {
        return new double[] {score[0] / ConditionBenchmark.CONDITIONS, score[1] / ConditionBenchmark.CONDITIONS};
    }

    private static Map<String, Object> row(String key, int value, double[] grid, double[] easy) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(key, value);
        row.put("ruleGrid", Map.of("score", grid[0], "error", grid[1]));
        row.put("easyRules", Map.of("score", easy[0], "error", easy[1]));
        row.put("ratio", easy[0] / grid[0]);
        return row;
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
}
