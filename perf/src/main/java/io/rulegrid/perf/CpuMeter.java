package io.rulegrid.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads, by what they do, between two points: the Kafka benchmark runs broker, members and
 * its own sender and reader in one JVM on a machine shared with other work, where wall-clock rates vary with the
 * load but the CPU an event costs much less. Threads are grouped by name: Hazelcast's partition threads (the entry
 * processors: upsert and rules), Jet's threads and its sink's producer (Kafka source, parsing, sink), the broker's,
 * the benchmark's own, and the rest of the members'. A thread that ends between two points loses its time; the JVM's
 * total comes from the operating system and includes it (and the JIT and the garbage collector).
 */
final class CpuMeter {

    static final String RULES = "partition threads (upsert + rules)";
    static final String JET = "Jet (source, parse, sink)";
    static final String BROKER = "Kafka broker";
    static final String BENCH = "benchmark's sender and reader";
    static final String MEMBERS = "members, other";
    static final String OTHER = "other threads";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    /** CPU nanoseconds so far: per group, and the whole process under {@code "process"}. */
    record Sample(Map<String, Long> groups, long processNanos, long wallNanos, double loadAverage) {

        /** CPU milliseconds per group (and {@code process}) from {@code before} to this sample. */
        Map<String, Object> since(Sample before, long events) {
            Map<String, Object> json = new LinkedHashMap<>();
            double wall = (wallNanos - before.wallNanos) / 1e9;
            long process = processNanos - before.processNanos;
            json.put("seconds", wall);
            json.put("processCpuSeconds", process / 1e9);
            json.put("coresBusy", process / 1e9 / wall);
            json.put("cpuMillisPerEvent", events == 0 ? null : process / 1e6 / events);
            json.put("loadAverageBefore", before.loadAverage);
            json.put("loadAverageAfter", loadAverage);
            Map<String, Object> perEvent = new LinkedHashMap<>();
            for (Map.Entry<String, Long> group : groups.entrySet()) {
                long nanos = group.getValue() - before.groups.getOrDefault(group.getKey(), 0L);
                perEvent.put(group.getKey(), events == 0 ? null : nanos / 1e3 / events);
            }
            json.put("cpuMicrosPerEventByThreads", perEvent);
            return json;
        }
    }

    Sample sample() {
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String group : new String[] {RULES, JET, BROKER, BENCH, MEMBERS, OTHER}) {
            groups.put(group, 0L);
        }
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (infos[i] != null && cpu > 0) {
                groups.merge(group(infos[i].getThreadName()), cpu, Long::sum);
            }
        }
        long process = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        return new Sample(groups, process, System.nanoTime(), os.getSystemLoadAverage());
    }

    private static String group(String name) {
        if (name.contains("partition-operation")) {
            return RULES;
        }
        if (name.contains(".jet.") || name.startsWith("kafka-producer-network-thread | producer-")) {
            return JET;
        }
        if (name.contains("kafka-bench") || name.equals("main")) {
            return BENCH;
        }
        if (name.startsWith("data-plane-kafka") || name.startsWith("kafka-") || name.startsWith("broker-")
                || name.startsWith("quorum-controller") || name.startsWith("controller-")
                || name.startsWith("ExpirationReaper") || name.startsWith("LogDirFailureHandler")
                || name.contains("raft")) {
            return BROKER;
        }
        if (name.startsWith("hz.")) {
            return MEMBERS;
        }
        return OTHER;
    }
}
