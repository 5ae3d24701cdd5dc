package io.rulegrid.client;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.JetService;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.Util;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.JobMetrics;
import com.hazelcast.jet.core.metrics.Measurement;
import com.hazelcast.jet.core.metrics.MetricNames;
import com.hazelcast.jet.core.metrics.MetricTags;
import com.hazelcast.jet.impl.exception.JetDisabledException;
import io.rulegrid.api.RuleGridException;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.PipelineNotFoundException;
import io.rulegrid.grid.PipelineStateException;
import io.rulegrid.grid.PipelinesNotConfiguredException;
import io.rulegrid.grid.wire.ConfiguredPipeline;
import io.rulegrid.grid.wire.PipelineReport;
import io.rulegrid.grid.wire.PipelineTask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The Kafka event feeds the members run ({@code docs/pipelines.md}), each one Jet job named
 * {@code rulegrid-pipeline-<name>}: list them with their job's state, stop one and start it again. A stop suspends
 * the job, which takes a last snapshot; a start resumes it from that snapshot, so the events sent meanwhile are
 * applied then and none twice. What a pipeline is (its topics, namespace and ruleset) comes from the members'
 * {@code rulegrid.yaml}: a client can neither define nor change one, and a start that has to submit a new job asks
 * a member that configures it to submit it.
 *
 * <p>Errors are typed: {@link PipelinesNotConfiguredException} when the cluster runs no pipelines (its members have
 * Jet off), {@link PipelineNotFoundException} naming the configured ones, {@link PipelineStateException} when a job
 * does not run or suspend in time. Thread-safe: it holds nothing but the connection.
 */
public final class Pipelines {

    /** How long a start waits for the job to run, and a stop for it to be suspended (with its last snapshot). */
    static final Duration TRANSITION_TIMEOUT = Duration.ofMinutes(1);
    /** Each poll of the job's status is one call to the job's coordinator. */
    private static final long POLL_MILLIS = 100;
    /** How long the reason of a failed job is waited for. */
    private static final long FAILURE_TIMEOUT_SECONDS = 5;

    private final HazelcastInstance client;

    Pipelines(HazelcastInstance client) {
        this.client = client;
    }

    /**
     * Every pipeline the members configure, by name, with its job's state.
     *
     * @throws PipelinesNotConfiguredException if no member configures one
     */
    public List<PipelineInfo> list() {
        Configured configured = configured();
        if (configured.pipelines().isEmpty()) {
            throw notConfigured();
        }
        return configured.pipelines().values().stream().map(pipeline -> info(pipeline, job(pipeline.name())))
                .toList();
    }

    /**
     * One pipeline, with its job's state.
     *
     * @throws PipelinesNotConfiguredException if no member configures any pipeline
     * @throws PipelineNotFoundException       naming the configured ones, if none is named so
     */
    public PipelineInfo status(String name) {
        ConfiguredPipeline pipeline = configured().require(name);
        return info(pipeline, job(name));
    }

    /**
     * Starts a pipeline and returns once its job runs: resumes a suspended job from its last snapshot, submits a new
     * job when there is none or it failed or completed (a new job has no snapshot and reads the topic from its
     * beginning), and does nothing to a job that runs or is starting.
     *
     * @throws PipelinesNotConfiguredException if no member configures any pipeline
     * @throws PipelineNotFoundException       naming the configured ones, if none is named so
     * @throws PipelineStateException          if the job does not run within a minute, or fails once submitted
     */
    public PipelineChange start(String name) {
        Configured configured = configured();
        ConfiguredPipeline pipeline = configured.require(name);
        PipelineChange.Action action = PipelineChange.Action.NONE;
        boolean submitted = false;
        Job job = job(name);
        long deadline = System.nanoTime() + TRANSITION_TIMEOUT.toNanos();
        while (true) {
            PipelineState state = state(job);
            if (state == PipelineState.RUNNING) {
                return new PipelineChange(action, info(pipeline, job));
            }
            if (state == PipelineState.SUSPENDED) {
                Job suspended = job;
                // resuming a job that is on its way out of SUSPENDED already does nothing
                jet("resume the job of pipeline \"" + name + "\"", () -> {
                    suspended.resume();
                    return null;
                });
                action = PipelineChange.Action.RESUMED;
            } else if (state.needsSubmission()) {
                if (submitted) {
                    throw new PipelineStateException(name, "pipeline \"" + name + "\" is " + state + " right after"
                            + " its job " + job.getIdString() + " was submitted; the members' logs say why", null);
                }
                job = submit(configured, name);
                submitted = true;
                action = PipelineChange.Action.SUBMITTED;
                continue;
            }
            awaitNextPoll(name, "start", state, deadline);
        }
    }

    /**
     * Stops a pipeline and returns once its job is suspended: the job takes a last snapshot of where it is in the
     * topic, and a later {@link #start} resumes from there. Events sent meanwhile wait in the topic. A job that does
     * not run (suspended, failed, completed, or none) is left as it is; one that is starting is suspended once it
     * runs. The stop lasts until a start, also across members joining and leaving; a restart of the whole cluster
     * forgets it with the job.
     *
     * @throws PipelinesNotConfiguredException if no member configures any pipeline
     * @throws PipelineNotFoundException       naming the configured ones, if none is named so
     * @throws PipelineStateException          if the job is not suspended within a minute
     */
    public PipelineChange stop(String name) {
        ConfiguredPipeline pipeline = configured().require(name);
        PipelineChange.Action action = PipelineChange.Action.NONE;
        Job job = job(name);
        long deadline = System.nanoTime() + TRANSITION_TIMEOUT.toNanos();
        while (true) {
            PipelineState state = state(job);
            if (state == PipelineState.SUSPENDED || state.needsSubmission()) {
                return new PipelineChange(action, info(pipeline, job));
            }
            if (state == PipelineState.RUNNING && suspend(name, job)) {
                action = PipelineChange.Action.SUSPENDED;
            }
            awaitNextPoll(name, "stop", state, deadline);
        }
    }

    /**
     * Asks Jet to suspend a running job; Jet takes the terminal snapshot after this returns.
     *
     * @return whether Jet took the request; not when the job is suspending already or no longer running, which
     *         the next poll of its state tells apart
     */
    private boolean suspend(String name, Job job) {
        try {
            job.suspend();
            return true;
        } catch (RuntimeException e) {
            if (cause(e, IllegalStateException.class) != null) {
                return false;
            }
            throw jetFailure(e, "suspend the job of pipeline \"" + name + "\"");
        }
    }

    /** Asks a member that configures the pipeline to submit its job; the job it submitted or found active. */
    private Job submit(Configured configured, String name) {
        Member member = configured.members().get(name);
        PipelineReport report = Calls.await(client.getExecutorService(GridNames.EXECUTOR)
                .submitToMember(PipelineTask.start(name), member), "start pipeline \"" + name + "\" on member "
                + member.getAddress());
        if (report.started().isEmpty()) {
            // the member's rulegrid.yaml changed since it listed the pipeline: it restarted with another one
            throw new PipelineNotFoundException(name, report.pipelines().stream().map(ConfiguredPipeline::name)
                    .sorted().toList());
        }
        Job job = jet("find job " + report.jobId() + " of pipeline \"" + name + "\"",
                () -> jet().getJob(report.jobId()));
        if (job == null) {
            throw new PipelineStateException(name, "member " + report.member() + " submitted job "
                    + Util.idToString(report.jobId()) + " of pipeline \"" + name + "\", and the cluster no longer"
                    + " knows it", null);
        }
        return job;
    }

    private static void awaitNextPoll(String name, String what, PipelineState state, long deadline) {
        if (System.nanoTime() - deadline > 0) {
            throw new PipelineStateException(name, "pipeline \"" + name + "\" did not " + what + " within "
                    + TRANSITION_TIMEOUT.toSeconds() + " s: its job is " + state + "; `rulegrid pipeline status "
                    + name + "` shows where it gets", null);
        }
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuleGridException("interrupted while waiting for pipeline \"" + name + "\" to " + what, null,
                    null, null, e);
        }
    }

    /**
     * What the members configure: each pipeline as the first member in the cluster's order that configures it has
     * it (members normally share one {@code rulegrid.yaml}), and that member, which a start asks to submit it.
     */
    private Configured configured() {
        Map<Member, Future<PipelineReport>> answers = client.getExecutorService(GridNames.EXECUTOR)
                .submitToAllMembers(PipelineTask.list());
        List<Member> order = new ArrayList<>(client.getCluster().getMembers());
        answers.keySet().stream().filter(member -> !order.contains(member)).forEach(order::add);
        SortedMap<String, ConfiguredPipeline> pipelines = new TreeMap<>();
        Map<String, Member> members = new HashMap<>();
        for (Member member : order) {
            Future<PipelineReport> answer = answers.get(member);
            if (answer == null) {
                continue;
            }
            for (ConfiguredPipeline pipeline : Calls.await(answer, "list the pipelines of member "
                    + member.getAddress()).pipelines()) {
                pipelines.putIfAbsent(pipeline.name(), pipeline);
                members.putIfAbsent(pipeline.name(), member);
            }
        }
        return new Configured(pipelines, members);
    }

    /** The pipelines the members configure, by name, and for each the first member that does. */
    private record Configured(SortedMap<String, ConfiguredPipeline> pipelines, Map<String, Member> members) {

        ConfiguredPipeline require(String name) {
            if (pipelines.isEmpty()) {
                throw notConfigured();
            }
            ConfiguredPipeline pipeline = pipelines.get(name);
            if (pipeline == null) {
                throw new PipelineNotFoundException(name, List.copyOf(pipelines.keySet()));
            }
            return pipeline;
        }
    }

    private static PipelinesNotConfiguredException notConfigured() {
        return new PipelinesNotConfiguredException("the cluster runs no pipelines: no member's rulegrid.yaml"
                + " configures any (pipelines:), and members keep Jet off without them; see docs/pipelines.md", null);
    }

    /** The pipeline's job: the active one, else the last submitted; {@code null} when there is none. */
    private Job job(String name) {
        return jet("find the job of pipeline \"" + name + "\"", () -> jet().getJob(GridNames.pipelineJob(name)));
    }

    private PipelineState state(Job job) {
        return job == null ? PipelineState.NOT_SUBMITTED
                : PipelineState.of(jet("read the status of job " + job.getIdString(), job::getStatus));
    }

    private PipelineInfo info(ConfiguredPipeline pipeline, Job job) {
        String jobName = GridNames.pipelineJob(pipeline.name());
        if (job == null) {
            return new PipelineInfo(pipeline.name(), pipeline.topic(), pipeline.namespace(), pipeline.ruleset(),
                    pipeline.decisionsTopic(), pipeline.deadLetterTopic(), jobName, PipelineState.NOT_SUBMITTED,
                    null, null, null, null, null);
        }
        String what = "read job " + job.getIdString() + " of pipeline \"" + pipeline.name() + "\"";
        JobStatus status = jet(what, job::getStatus);
        PipelineState state = PipelineState.of(status);
        Instant submitted = Instant.ofEpochMilli(jet(what, job::getSubmissionTime));
        String suspensionCause = state == PipelineState.SUSPENDED ? suspensionCause(job, what) : null;
        String failure = state == PipelineState.FAILED ? failure(job) : null;
        PipelineMetrics metrics = state == PipelineState.RUNNING ? metrics(jet(what, job::getMetrics)) : null;
        return new PipelineInfo(pipeline.name(), pipeline.topic(), pipeline.namespace(), pipeline.ruleset(),
                pipeline.decisionsTopic(), pipeline.deadLetterTopic(), jobName, state, job.getIdString(), submitted,
                suspensionCause, failure, metrics);
    }

    /**
     * Why a failed job failed: its result, which its coordinator keeps. Only a hint for the reader, so a job whose
     * result cannot be had within a few seconds has none, rather than failing the command.
     */
    private static String failure(Job job) {
        try {
            if (job.isUserCancelled()) {
                return "cancelled";
            }
            job.getFuture().get(FAILURE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause instanceof CancellationException ? "cancelled" : cause.toString();
        } catch (CancellationException e) {
            return "cancelled";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (TimeoutException | RuntimeException e) {
            return null;
        }
    }

    private String suspensionCause(Job job, String what) {
        try {
            return job.getSuspensionCause().description();
        } catch (RuntimeException e) {
            if (cause(e, IllegalStateException.class) != null) {
                // resumed since its status was read
                return null;
            }
            throw jetFailure(e, what);
        }
    }

    /**
     * Events its source emitted and records its sink received, over all processors; {@code null} before Jet first
     * collected them. A source's count on the {@code snapshot} ordinal is of snapshots, not events.
     */
    private static PipelineMetrics metrics(JobMetrics metrics) {
        List<Measurement> emitted = metrics.filter(MetricTags.SOURCE, "true").get(MetricNames.EMITTED_COUNT);
        List<Measurement> received = metrics.filter(MetricTags.SINK, "true").get(MetricNames.RECEIVED_COUNT);
        if (emitted.isEmpty() && received.isEmpty()) {
            return null;
        }
        long read = emitted.stream().filter(m -> !"snapshot".equals(m.tag(MetricTags.ORDINAL)))
                .mapToLong(Measurement::value).sum();
        long written = received.stream().mapToLong(Measurement::value).sum();
        return new PipelineMetrics(read, written);
    }

    private JetService jet() {
        return client.getJet();
    }

    /** A Jet call, its failure typed: "Jet is disabled" means the cluster runs no pipelines. */
    private static <T> T jet(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw jetFailure(e, what);
        }
    }

    /**
     * A failed Jet call as a RuleGrid error. Members answer a Jet call with {@link JetDisabledException} when they
     * have Jet off, which a RuleGrid member has exactly when its {@code rulegrid.yaml} configures no pipelines;
     * Hazelcast's message would advise turning Jet on in the member configuration instead.
     */
    static RuleGridException jetFailure(RuntimeException failure, String what) {
        JetDisabledException disabled = cause(failure, JetDisabledException.class);
        if (disabled != null) {
            return new PipelinesNotConfiguredException("the cluster runs no pipelines: its members have Jet off,"
                    + " as members do when their rulegrid.yaml configures no pipelines (pipelines:); see"
                    + " docs/pipelines.md", disabled);
        }
        return Calls.unwrap(failure, what);
    }

    private static <E extends Throwable> E cause(Throwable failure, Class<E> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
