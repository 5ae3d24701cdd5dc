package io.rulegrid.client;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Run by {@link CompletionThreadsTest} in a JVM of its own: async evaluations, then what it saw on one line
 * each: {@code parallelism=N}, {@code threadsStarted=N}, {@code completionThreads=a,b}.
 */
final class CompletionThreadsProbe {

    static final int CALLS = 500;

    private CompletionThreadsProbe() {
    }

    public static void main(String[] args) {
        try (RuleGridClient grid = RuleGridClient.builder().clusterName(args[0]).members(args[1].split(",")).connect()) {
            Namespace probes = grid.namespace("probes");
            probes.put("p", Map.of("n", 1));
            probes.evaluate("p", "probe").resultOrThrow();  // the connections and the client's threads exist now
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long startedBefore = threads.getTotalStartedThreadCount();
            Set<String> completionThreads = ConcurrentHashMap.newKeySet();
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(probes.evaluateAsync("p", "probe", EvaluationOptions.defaults())
                        .whenComplete((evaluation, failure) -> completionThreads.add(Thread.currentThread().getName())));
            }
            calls.forEach(CompletableFuture::join);
            System.out.println("parallelism=" + ForkJoinPool.getCommonPoolParallelism());
            System.out.println("threadsStarted=" + (threads.getTotalStartedThreadCount() - startedBefore));
            System.out.println("completionThreads=" + String.join(",", completionThreads));
        }
    }
}
