package io.rulegrid.perf;

import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.MetricNames;
import com.hazelcast.jet.core.metrics.MetricTags;
import io.rulegrid.client.RuleGridClient;
import io.rulegrid.devservices.KafkaService;
import io.rulegrid.node.pipeline.EventPipelines;
import io.rulegrid.testkit.LocalCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Members in this JVM running RuleGrid's pipeline as an operator configures it: a {@code rulegrid.yaml} with
 * {@code kafka:} (the benchmark's embedded broker) and one pipeline under {@code pipelines:}, its events, decisions and
 * dead-letter topics of its own (so that a cluster never reads another's events), created with
 * {@value #PARTITIONS} partitions before the members start. A client deploys the ruleset. Once the job runs on every
 * member, events sent to {@link #eventsTopic()} are evaluated on the members and their decisions come out on
 * {@link #decisionsTopic()}.
 */
final class PipelineCluster implements AutoCloseable {

    static final String PIPELINE = "bench";
    /** Enough for each of 3 members' 2 Kafka source processors (one per core) to read a partition of its own. */
    static final int PARTITIONS = 6;
    private static final Duration JOB_START = Duration.ofSeconds(120);

    private final String prefix;
    private final LocalCluster cluster;
    private final RuleGridClient client;
    private final Path yaml;

    private PipelineCluster(String prefix, LocalCluster cluster, RuleGridClient client, Path yaml) {
        this.prefix = prefix;
        this.cluster = cluster;
        this.client = client;
        this.yaml = yaml;
    }

    /**
     * Starts {@code members} members whose rulegrid.yaml has the pipeline, deploys {@link ReviewRules}, and returns
     * once the pipeline's job runs on every member.
     *
     * @param guarantee the pipeline's {@code guarantee:} ({@code exactly-once} or {@code at-least-once}), or
     *                  {@code null} to leave the key out and run with the member's default
     */
    static PipelineCluster start(KafkaService kafka, int members, String guarantee) throws InterruptedException {
        String prefix = "bench-" + members + "m";
        kafka.createTopic(prefix + "-events", PARTITIONS);
        kafka.createTopic(prefix + "-decisions", PARTITIONS);
        kafka.createTopic(prefix + "-dead", 1);
        Path yaml = writeYaml(kafka.url(), prefix, guarantee);
        LocalCluster cluster = LocalCluster.start(members, member -> member.rulegridYaml(yaml));
        RuleGridClient client = null;
        try {
            client = RuleGridClient.builder().clusterName(cluster.clusterName())
                    .members(cluster.addresses().toArray(String[]::new)).connect();
            client.rulesets().deploy(ReviewRules.RULESET + ".grl", ReviewRules.rgl());
            PipelineCluster started = new PipelineCluster(prefix, cluster, client, yaml);
            started.awaitJobOnAllMembers(members);
            return started;
        } catch (RuntimeException | InterruptedException e) {
            if (client != null) {
                client.close();
            }
            cluster.close();
            throw e;
        }
    }

    private static Path writeYaml(String brokers, String prefix, String guarantee) {
        try {
            Path directory = Files.createTempDirectory("rulegrid-kafka-bench");
            Path yaml = directory.resolve("rulegrid.yaml");
            // removed when the benchmark's JVM exits, the file first (deleteOnExit runs in reverse order)
            directory.toFile().deleteOnExit();
            yaml.toFile().deleteOnExit();
            Files.writeString(yaml, """
                    kafka:
                      bootstrap-servers: %s
                    pipelines:
                      %s:
                        topic: %s-events
                        namespace: %s
                        ruleset: %s
                        decisions-topic: %s-decisions
                        dead-letter-topic: %s-dead
                    """.formatted(brokers, PIPELINE, prefix, OrderEvents.NAMESPACE, ReviewRules.RULESET, prefix,
                    prefix) + (guarantee == null ? "" : "    guarantee: " + guarantee + "\n"));
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's rulegrid.yaml", e);
        }
    }

    String eventsTopic() {
        return prefix + "-events";
    }

    String decisionsTopic() {
        return prefix + "-decisions";
    }

    String deadLetterTopic() {
        return prefix + "-dead";
    }

    /** The rulegrid.yaml the members started with. */
    String yaml() {
        try {
            return Files.readString(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + yaml, e);
        }
    }

    /** The job's processing guarantee as Jet runs it ({@code AT_LEAST_ONCE}, {@code EXACTLY_ONCE}, ...). */
    String processingGuarantee() {
        return job().getConfig().getProcessingGuarantee().name();
    }

    private Job job() {
        Job job = cluster.member(0).hazelcast().getJet().getJob(EventPipelines.jobName(PIPELINE));
        if (job == null) {
            throw new IllegalStateException("no job " + EventPipelines.jobName(PIPELINE) + " on cluster "
                    + cluster.clusterName() + ": did the members read the pipeline from " + yaml + "?");
        }
        return job;
    }

    /**
     * Waits until the job runs on all members. The first member submits it when it starts, alone; Jet restarts it
     * on the others once they have joined (after its scale-up delay, 10 s by default), and a measurement must not
     * straddle that restart. The members a job runs on are those its metrics come from.
     */
    private void awaitJobOnAllMembers(int members) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_START.toNanos();
        Set<String> running = Set.of();
        while (System.nanoTime() < deadline) {
            Job job = job();
            if (job.getStatus() == JobStatus.RUNNING) {
                running = job.getMetrics().get(MetricNames.EMITTED_COUNT).stream()
                        .map(measurement -> measurement.tag(MetricTags.MEMBER)).collect(Collectors.toSet());
                if (running.size() >= members) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("job " + EventPipelines.jobName(PIPELINE) + " of cluster "
                + cluster.clusterName() + " does not run on all " + members + " members after "
                + JOB_START.toSeconds() + " s (its metrics come from " + running + ")");
    }

    /**
     * Cancels the job, then stops the members at once: a job still running when its members are terminated makes Jet
     * log errors about executions it could not end.
     */
    @Override
    public void close() {
        try {
            client.close();
            Job job = job();
            job.cancel();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!job.getStatus().isTerminal() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (RuntimeException e) {
            // the members are terminated below in any case
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cluster.close();
        }
    }
}
