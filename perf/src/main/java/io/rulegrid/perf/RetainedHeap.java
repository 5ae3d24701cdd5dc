package io.rulegrid.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The heap an object keeps alive: used heap after full collections while holding it, minus used heap after
 * dropping it; the median of a few repetitions. Measured twice per repetition: as built ("cold") and after
 * using it ("warm"; MVEL, for one, builds its accessors on an expression's first runs). One unmeasured round
 * first loads the classes and fills whatever static caches building and using it fill, so that only what
 * dropping the object frees is counted. Needs explicit collections ({@code System.gc()}), enabled by default.
 */
final class RetainedHeap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final double MB = 1024 * 1024;

    /** Megabytes (2^20 bytes) retained: median, smallest and largest of the repetitions. */
    record Sample(double median, double min, double max) {

        static Sample of(double[] megabytes) {
            double[] sorted = megabytes.clone();
            Arrays.sort(sorted);
            return new Sample(sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("median", median);
            json.put("min", min);
            json.put("max", max);
            return json;
        }
    }

    /** What an object retains as built and after use. */
    record ColdAndWarm(Sample cold, Sample warm) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("compiled", cold.json());
            json.put("warm", warm.json());
            return json;
        }
    }

    private RetainedHeap() {
    }

    static <T> ColdAndWarm measure(Supplier<T> build, Consumer<T> use, int repetitions) {
        T first = build.get();
        use.accept(first);
        Reference.reachabilityFence(first);
        first = null;
        double[] cold = new double[repetitions];
        double[] warm = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            T held = build.get();
            long built = usedAfterCollection();
            use.accept(held);
            long used = usedAfterCollection();
            Reference.reachabilityFence(held);
            held = null;
            long dropped = usedAfterCollection();
            cold[i] = (built - dropped) / MB;
            warm[i] = (used - dropped) / MB;
        }
        return new ColdAndWarm(Sample.of(cold), Sample.of(warm));
    }

    /** Used heap after collecting until it stops shrinking (by more than 64 KB), at most five times. */
    private static long usedAfterCollection() {
        return usedAfterCollection(0);
    }

    /**
     * As {@link #usedAfterCollection()}, pausing {@code pauseMillis} before each collection: in a JVM with running
     * members, their threads hold on to buffers and operations for a moment after the last call, and what they
     * drop after one collection is only counted by the next.
     */
    static long usedAfterCollection(long pauseMillis) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMillis));
            System.gc();
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (now > used - 64 * 1024) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
