package io.rulegrid.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs an attack in a child JVM with a small heap, so that one that exhausts memory cannot disturb the test
 * JVM, and reports what happened: the class of the throwable (or "OK") and how long the evaluation took.
 */
final class ChildJvm {

    /** What the child printed: its outcome, the evaluation's milliseconds, and its output, shortened. */
    record Report(String outcome, long evalMillis, String output) {
    }

    /** A scenario, which may throw anything: the throwable is the outcome. */
    @FunctionalInterface
    interface Scenario {
        void run() throws Throwable;
    }

    private ChildJvm() {
    }

    /** Runs {@code main.main(scenario)} in a child JVM with the given heap ({@code "128m"}). */
    static Report run(Class<?> main, String scenario, String heap) throws Exception {
        String classpath = Stream.of(main, RuleCompiler.class, io.rulegrid.api.Facts.class, ObjectMapper.class, JsonFactory.class,
                        JsonProperty.class, YAMLFactory.class, org.yaml.snakeyaml.Yaml.class, com.google.re2j.Pattern.class)
                .map(ChildJvm::location).distinct().collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx" + heap, "-Xss1m", "-XX:+UseSerialGC", "-cp", classpath,
                main.getName(), scenario).redirectErrorStream(true).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return new Report("TIMEOUT", Long.MAX_VALUE, "");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String outcome = "NO OUTCOME";
        long millis = Long.MAX_VALUE;
        for (String line : output.split("\n")) {
            if (line.startsWith("OUTCOME ")) {
                outcome = line.substring(8).trim();
            } else if (line.startsWith("EVAL_MILLIS ")) {
                millis = Long.parseLong(line.substring(12).trim());
            }
        }
        return new Report(outcome, millis, output.length() > 2_000 ? output.substring(0, 2_000) + "…" : output);
    }

    /** What a child's {@code main} calls: runs the scenario and prints its outcome for {@link #run}. */
    static void report(Scenario scenario) {
        long start = System.nanoTime();
        String outcome;
        String message = "";
        try {
            scenario.run();
            outcome = "OK";
        } catch (Throwable e) {
            outcome = e.getClass().getName();
            message = String.valueOf(e.getMessage());
        }
        System.out.println("OUTCOME " + outcome);
        System.out.println("TOTAL_MILLIS " + (System.nanoTime() - start) / 1_000_000);
        System.out.println("MESSAGE " + (message.length() > 300 ? message.substring(0, 300) : message));
    }

    /** The CPU time of this thread, to start {@link #evalMillis} with. */
    static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * Prints the CPU time the evaluation itself took on this thread since {@link #cpuNanos()}, for
     * {@link Report#evalMillis()}: what an evaluation that escapes its budget costs in full, and what other
     * processes on a shared machine do not stretch.
     */
    static void evalMillis(long startCpuNanos) {
        System.out.println("EVAL_MILLIS " + (cpuNanos() - startCpuNanos) / 1_000_000);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the classes of " + type, e);
        }
    }
}
