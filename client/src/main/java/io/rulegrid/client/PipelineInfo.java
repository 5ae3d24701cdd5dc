package io.rulegrid.client;

import java.time.Instant;

/**
 * A pipeline as the members configure it, with the state of its Jet job.
 *
 * @param name             the pipeline's name
 * @param topic            the topic of events it reads
 * @param namespace        the namespace of events that name none
 * @param ruleset          the ruleset evaluated after each upsert
 * @param decisionsTopic   where it writes emitted outputs
 * @param deadLetterTopic  where it writes events it cannot apply
 * @param jobName          its Jet job's name, {@code rulegrid-pipeline-<name>}
 * @param state            where its job is
 * @param jobId            the job's id as Jet prints it; {@code null} when {@link PipelineState#NOT_SUBMITTED}
 * @param submittedAt      when the job was submitted (a resume keeps it); {@code null} when not submitted
 * @param suspensionCause  why the job is suspended, as Jet says it ({@code Requested by user} after a stop);
 *                         {@code null} unless {@link PipelineState#SUSPENDED}
 * @param failure          why the job failed, as Jet reports it ({@code cancelled} when someone cancelled it);
 *                         {@code null} unless {@link PipelineState#FAILED}, or when Jet does not say
 * @param metrics          events read and records written; {@code null} unless the job runs and Jet has
 *                         collected them
 */
public record PipelineInfo(String name, String topic, String namespace, String ruleset, String decisionsTopic,
                           String deadLetterTopic, String jobName, PipelineState state, String jobId,
                           Instant submittedAt, String suspensionCause, String failure, PipelineMetrics metrics) {
}
