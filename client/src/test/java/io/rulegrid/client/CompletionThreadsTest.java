package io.rulegrid.client;

import io.rulegrid.testkit.LocalCluster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's JVM is started without RuleGrid's {@code ForkJoinPool.common.parallelism} flag; on two cores
 * its common pool then has one thread, and anything completed through it (or through Hazelcast's default async
 * executor) starts a new thread per call. A client in such a JVM, forced to one common-pool thread on any
 * machine, completes its async calls on its own threads and starts no thread per call.
 */
class CompletionThreadsTest {

    @Test
    void asyncCallsCompleteOnTheClientsThreadsInAJvmWhoseCommonPoolHasOneThread() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1);
             RuleGridClient grid = RuleGridClient.builder().clusterName(cluster.clusterName())
                     .members(cluster.addresses().toArray(String[]::new)).connect()) {
            grid.rulesets().deploy("probe.grl", "ruleset \"probe\"\nrule \"r\" { when n > 0 then seen = true }");

            Map<String, String> seen = runProbe(cluster.clusterName(), String.join(",", cluster.addresses()));

            assertThat(seen).containsEntry("parallelism", "1");
            assertThat(Long.parseLong(seen.get("threadsStarted"))).as("threads started for %d async calls",
                    CompletionThreadsProbe.CALLS).isLessThan(CompletionThreadsProbe.CALLS / 10);
            // a stage attached after its call completed runs on the thread attaching it: main
            assertThat(seen.get("completionThreads").split(",")).isNotEmpty().allSatisfy(thread ->
                    assertThat(thread).matches(CompletionExecutor.THREAD_NAME_PREFIX + "\\d+-completion-\\d+|main"));
        }
    }

    private static Map<String, String> runProbe(String clusterName, String members) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(java.toString(), "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1",
                "-Dhazelcast.logging.type=none", "-cp", System.getProperty("java.class.path"),
                CompletionThreadsProbe.class.getName(), clusterName, members)
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // a guard against a hung child only: the probe takes a few seconds
        assertThat(probe.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> lines = Arrays.asList(output.split("\\R"));
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(0, equals).matches("parallelism|threadsStarted|completionThreads")) {
                seen.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        assertThat(seen).as(output).containsKeys("parallelism", "threadsStarted", "completionThreads");
        return seen;
    }
}
