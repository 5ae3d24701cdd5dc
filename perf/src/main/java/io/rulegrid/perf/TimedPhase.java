package io.rulegrid.perf;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * One phase of a cluster benchmark: a call made in a loop from several threads for some seconds, each call
 * timed. Reports throughput and latency percentiles.
 */
final class TimedPhase {

    private TimedPhase() {
    }

    /** One way of evaluating the fact numbered {@code fact}, timed per call; true if it changed the fact. */
    interface Call {
        boolean run(int fact) throws Exception;
    }

    /**
     * Runs {@code call} from {@code threads} threads for {@code seconds}, each thread starting at its own share of
     * {@code facts} so that threads work on different facts.
     *
     * @return {@code calls}, {@code throughput} per second, {@code p50Micros}, {@code p99Micros}, and
     *         {@code changedShare}, the share of calls that changed their fact
     */
    static Map<String, Object> run(Call call, int threads, int seconds, int facts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> parts = new ArrayList<>();
        LongAdder changed = new LongAdder();
        for (int t = 0; t < threads; t++) {
            int offset = t * (facts / threads);
            parts.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                for (int i = offset; System.nanoTime() < end; i++) {
                    long start = System.nanoTime();
                    if (call.run(i)) {
                        changed.increment();
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> part : parts) {
            long[] latencies = part.get();
            long[] merged = Arrays.copyOf(all, all.length + latencies.length);
            System.arraycopy(latencies, 0, merged, all.length, latencies.length);
            all = merged;
        }
        pool.shutdown();
        Arrays.sort(all);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("calls", all.length);
        result.put("throughput", all.length / (double) seconds);
        result.put("p50Micros", all[all.length / 2] / 1_000.0);
        result.put("p99Micros", all[(int) (all.length * 0.99)] / 1_000.0);
        result.put("changedShare", changed.sum() / (double) all.length);
        return result;
    }

    /** One line of a table: name, throughput, p50 and p99. */
    static void print(PrintStream out, String name, Map<String, Object> result) {
        out.printf("%-44s %12.0f %10.0f %10.0f%n", name, result.get("throughput"), result.get("p50Micros"),
                result.get("p99Micros"));
    }
}
