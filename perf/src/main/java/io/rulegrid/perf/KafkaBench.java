package io.rulegrid.perf;

import io.rulegrid.devservices.KafkaService;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/bench.sh kafka}: RuleGrid's Kafka pipeline end to end, with 1 member and with 3. Events go to the
 * pipeline's events topic on an embedded Kafka broker ({@link KafkaService}, in this JVM), the members (in this JVM
 * too, started from a rulegrid.yaml with {@code pipelines:}, see {@link PipelineCluster}) upsert and evaluate each
 * with a ruleset of which about 100 rules are evaluated per event ({@link ReviewRules}), and a consumer with
 * {@code read_committed} reads the decisions back ({@link PipelineLoad}). Measured per cluster, after a warm-up
 * phase: the highest rate, events per second from the first send to the last decision read, and then the latency of
 * each event, from its send to its first decision read, p50 and p99, at a steady half of that rate.
 *
 * <p>Everything shares this machine's cores: broker, members, sender and reader. A wall-clock benchmark, never a
 * test: its numbers vary with the machine's load.
 */
final class KafkaBench {

    static final List<String> GUARANTEES = List.of("exactly-once", "at-least-once");
    private static final double TARGET_EVENTS_PER_SECOND = 50_000;
    private static final double TARGET_P99_MILLIS = 50;
    private static final long SEED = 42;

    private KafkaBench() {
    }

    /** One cluster's measurements. */
    private record MembersRun(int members, String processingGuarantee, PipelineLoad.Phase warmup,
                              PipelineLoad.Phase saturated, Map<String, Object> saturatedCpu,
                              PipelineLoad.Paced paced, Map<String, Object> pacedCpu, long decisions,
                              long duplicates, long deadLetters, long startMillis, String yaml) {

        double cpuMillisPerEvent() {
            return saturatedCpu.get("cpuMillisPerEvent") instanceof Double millis ? millis : Double.NaN;
        }

        /** The rate this CPU cost per event allows if the JVM had all of this machine's cores to itself. */
        double cpuBoundEventsPerSecond() {
            return Runtime.getRuntime().availableProcessors() * 1_000 / cpuMillisPerEvent();
        }

        double eventsPerSecond() {
            return saturated.eventsPerSecond();
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("members", members);
            json.put("processingGuarantee", processingGuarantee);
            json.put("startMillis", startMillis);
            json.put("eventsPerSecond", eventsPerSecond());
            json.put("p50Millis", paced.millis(50));
            json.put("p99Millis", paced.millis(99));
            json.put("warmup", warmup.json());
            json.put("cpuMillisPerEvent", cpuMillisPerEvent());
            json.put("cpuBoundEventsPerSecond", cpuBoundEventsPerSecond());
            Map<String, Object> saturatedJson = saturated.json();
            saturatedJson.put("cpu", saturatedCpu);
            json.put("saturated", saturatedJson);
            Map<String, Object> pacedJson = paced.json();
            pacedJson.put("cpu", pacedCpu);
            json.put("paced", pacedJson);
            json.put("decisionsRead", decisions);
            json.put("eventsWithDecisionsReadTwice", duplicates);
            json.put("deadLetters", deadLetters);
            return json;
        }
    }

    /**
     * @param guarantee the pipelines' {@code guarantee:} to write into the members' rulegrid.yaml, or {@code null}
     *                  to leave it out (the members' default)
     */
    static Map<String, Object> run(PrintStream out, int seconds, String guarantee) throws Exception {
        if (guarantee != null && !GUARANTEES.contains(guarantee)) {
            throw new IllegalArgumentException("--guarantee is '" + guarantee + "' but must be one of " + GUARANTEES);
        }
        quietLogs();
        long start = System.nanoTime();
        out.printf("kafka: %d rules (about 100 evaluated per event), %,d orders upserted over and over, %d partitions;"
                        + " guarantee %s; per cluster %d s warm-up, %d s at the highest rate, %d s at half of it%n",
                ReviewRules.RULES, OrderEvents.ORDERS, PipelineCluster.PARTITIONS,
                guarantee == null ? "not set in rulegrid.yaml (the members' default)" : guarantee, seconds, seconds,
                seconds);
        OrderEvents events = new OrderEvents(SEED);
        MembersRun one;
        MembersRun three;
        try (KafkaService kafka = KafkaService.start()) {
            out.printf("embedded Kafka %s%n", kafka.url());
            one = members(out, kafka, 1, seconds, guarantee, events);
            three = members(out, kafka, 3, seconds, guarantee, events);
        }

        out.println();
        out.printf("%-12s %-14s %12s %16s %9s %9s %9s%n", "", "guarantee", "events/s", "paced at evt/s", "p50 ms",
                "p99 ms", "max ms");
        for (MembersRun run : List.of(one, three)) {
            out.printf(Locale.ROOT, "%-12s %-14s %12.0f %16.0f %9.1f %9.1f %9.1f%n",
                    run.members() + (run.members() == 1 ? " member" : " members"), run.processingGuarantee(),
                    run.eventsPerSecond(), run.paced().rate(), run.paced().millis(50), run.paced().millis(99),
                    run.paced().latencyMicros().getMaxValue() / 1e3);
        }
        out.println("  events/s: from the first send to the last decision read (read_committed); latency: from when"
                + " an event was due to be sent to its first decision read");
        for (MembersRun run : List.of(one, three)) {
            out.printf(Locale.ROOT, "  %d member%s: %.2f ms of CPU per event at the highest rate (broker, members,"
                            + " sender and reader together): %,.0f events/s if this JVM had the %d cores to itself%n",
                    run.members(), run.members() == 1 ? "" : "s", run.cpuMillisPerEvent(),
                    run.cpuBoundEventsPerSecond(), Runtime.getRuntime().availableProcessors());
        }

        double best = Math.max(one.eventsPerSecond(), three.eventsPerSecond());
        boolean throughputMet = best >= TARGET_EVENTS_PER_SECOND;
        out.println();
        out.printf(Locale.ROOT, "target: >= %,.0f events/s: 1 member %,.0f, 3 members %,.0f %s%n",
                TARGET_EVENTS_PER_SECOND, one.eventsPerSecond(), three.eventsPerSecond(), verdict(throughputMet));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("eventsPerSecondTarget", TARGET_EVENTS_PER_SECOND);
        targets.put("eventsPerSecondVerdict", verdict(throughputMet));
        targets.put("p99MillisTarget", TARGET_P99_MILLIS);
        for (MembersRun run : List.of(one, three)) {
            boolean met = run.paced().millis(99) < TARGET_P99_MILLIS;
            out.printf(Locale.ROOT, "target: p99 < %.0f ms at half the highest rate, %d member%s: %.1f ms at %,.0f"
                            + " events/s %s%n", TARGET_P99_MILLIS, run.members(), run.members() == 1 ? "" : "s",
                    run.paced().millis(99), run.paced().rate(), verdict(met));
            targets.put("p99Verdict" + (run.members() == 1 ? "OneMember" : "ThreeMembers"), verdict(met));
        }
        if (!throughputMet) {
            out.printf(Locale.ROOT, "  (the latency target is for half of %,.0f events/s; as that rate was not reached,"
                    + " latency was measured at half of the rate reached)%n", TARGET_EVENTS_PER_SECOND);
        }
        long totalSeconds = (System.nanoTime() - start) / 1_000_000_000;
        out.printf("suite took %d s%n", totalSeconds);

        Map<String, Object> report = BenchMain.header("kafka", String.format(Locale.ROOT, "embedded Kafka broker, members"
                        + " and client in one JVM; %d partitions per events and decisions topic; %d rules, about 100"
                        + " evaluated per event; %,d orders upserted in turn; per cluster %d s warm-up at the highest"
                        + " rate, %d s at the highest rate (a backlog of about 2 s of it on the events topic), %d s at"
                        + " half of it; producer acks=all linger.ms=1, consumer read_committed",
                PipelineCluster.PARTITIONS, ReviewRules.RULES, OrderEvents.ORDERS, seconds, seconds, seconds));
        Map<String, Object> guaranteeJson = new LinkedHashMap<>();
        guaranteeJson.put("requested", guarantee == null ? "not set (the members' default)" : guarantee);
        guaranteeJson.put("jobProcessingGuarantee", three.processingGuarantee());
        report.put("guarantee", guaranteeJson);
        report.put("rules", ReviewRules.RULES);
        report.put("rulesEvaluatedPerEvent", ReviewRules.RULES);
        report.put("rulegridYaml", three.yaml());
        report.put("oneMember", one.json());
        report.put("threeMembers", three.json());
        report.put("targets", targets);
        report.put("suiteSeconds", totalSeconds);
        return report;
    }

    private static MembersRun members(PrintStream out, KafkaService kafka, int members, int seconds, String guarantee,
                                      OrderEvents events) throws Exception {
        out.printf("starting %d member%s with the pipeline...%n", members, members == 1 ? "" : "s");
        long start = System.nanoTime();
        CpuMeter cpu = new CpuMeter();
        try (PipelineCluster cluster = PipelineCluster.start(kafka, members, guarantee);
             PipelineLoad load = new PipelineLoad(kafka.url(), cluster.eventsTopic(), cluster.decisionsTopic(),
                     cluster.deadLetterTopic(), events)) {
            long startMillis = (System.nanoTime() - start) / 1_000_000;
            String processing = cluster.processingGuarantee();
            out.printf(Locale.ROOT, "  job runs on %d member%s after %.1f s, processing guarantee %s%n", members,
                    members == 1 ? "" : "s", startMillis / 1e3, processing);
            PipelineLoad.Phase warmup = load.saturate(seconds);
            out.printf(Locale.ROOT, "  warm-up: %,d events, %,.0f events/s%s%n", warmup.events(),
                    warmup.eventsPerSecond(), undecided(warmup));
            CpuMeter.Sample before = cpu.sample();
            PipelineLoad.Phase saturated = load.saturate(seconds);
            Map<String, Object> saturatedCpu = cpu.sample().since(before, saturated.events());
            out.printf(Locale.ROOT, "  highest rate: %,d events in %.1f s, %,.0f events/s%s%n", saturated.events(),
                    saturated.seconds(), saturated.eventsPerSecond(), undecided(saturated));
            out.printf(Locale.ROOT, "    CPU: %.2f ms per event, this JVM busy %.2f of %d cores, load average %.1f;"
                            + " per event in us: %s%n", saturatedCpu.get("cpuMillisPerEvent"),
                    saturatedCpu.get("coresBusy"), Runtime.getRuntime().availableProcessors(),
                    saturatedCpu.get("loadAverageAfter"), micros(saturatedCpu));
            before = cpu.sample();
            PipelineLoad.Paced paced = load.paced(saturated.eventsPerSecond() / 2, seconds);
            Map<String, Object> pacedCpu = cpu.sample().since(before, paced.phase().events());
            out.printf(Locale.ROOT, "  paced at %,.0f events/s: %,d events, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms,"
                            + " max %.1f ms (until the member had the result: p50 %d ms, p99 %d ms)%s%n", paced.rate(),
                    paced.phase().events(), paced.millis(50), paced.millis(99), paced.millis(99.9),
                    paced.latencyMicros().getMaxValue() / 1e3, paced.toMemberMillis().getValueAtPercentile(50),
                    paced.toMemberMillis().getValueAtPercentile(99), undecided(paced.phase()));
            return new MembersRun(members, processing, warmup, saturated, saturatedCpu, paced, pacedCpu,
                    load.decisions(), load.duplicates(), load.deadLetters(), startMillis, cluster.yaml());
        }
    }

    /**
     * Warnings and errors only, from the broker, the members and the client in this JVM: their INFO lines (each job
     * restart prints its whole graph) would bury the benchmark's own progress lines.
     */
    private static void quietLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }

    @SuppressWarnings("unchecked")
    private static String micros(Map<String, Object> cpu) {
        StringBuilder text = new StringBuilder();
        ((Map<String, Object>) cpu.get("cpuMicrosPerEventByThreads")).forEach((group, micros) ->
                text.append(text.length() == 0 ? "" : ", ").append(group).append(' ')
                        .append(String.format(Locale.ROOT, "%.0f", (Double) micros)));
        return text.toString();
    }

    private static String undecided(PipelineLoad.Phase phase) {
        return phase.undecided() == 0 ? "" : String.format(Locale.ROOT, " (%,d events without a decision after"
                + " waiting)", phase.undecided());
    }

    private static String verdict(boolean met) {
        return met ? "PASS" : "MISS";
    }
}
