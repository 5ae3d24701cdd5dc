package io.rulegrid.client;

import com.hazelcast.jet.core.JobStatus;

/**
 * Where a pipeline's Jet job is, in the terms of {@code rulegrid pipeline}: Jet's {@link JobStatus}, with the
 * transient ones folded together and a state for a pipeline that has no job.
 */
public enum PipelineState {
    /** The cluster has no job of the pipeline: none was submitted, or Jet forgot it (a whole-cluster restart). */
    NOT_SUBMITTED,
    /** The job is submitted, or resumed, and not running yet (Jet's {@code NOT_RUNNING} and {@code STARTING}). */
    STARTING,
    /** The job reads events and applies them. */
    RUNNING,
    /**
     * The job is stopped: it keeps its last snapshot, and a start resumes it from there (Jet's {@code SUSPENDED}
     * and {@code SUSPENDED_EXPORTING_SNAPSHOT}).
     */
    SUSPENDED,
    /** The job is finishing, on its way to {@link #FAILED} or {@link #COMPLETED}. */
    COMPLETING,
    /** The job failed or was cancelled; a start submits a new one, which reads the topic from its beginning. */
    FAILED,
    /** The job completed, which a pipeline's does not by itself; a start submits a new one, as after a failure. */
    COMPLETED;

    static PipelineState of(JobStatus status) {
        if (status == null) {
            return NOT_SUBMITTED;
        }
        return switch (status) {
            case NOT_RUNNING, STARTING -> STARTING;
            case RUNNING -> RUNNING;
            case SUSPENDED, SUSPENDED_EXPORTING_SNAPSHOT -> SUSPENDED;
            case COMPLETING -> COMPLETING;
            case FAILED -> FAILED;
            case COMPLETED -> COMPLETED;
        };
    }

    /** Whether the job is gone for good, or was never there: a start submits a new one. */
    boolean needsSubmission() {
        return this == NOT_SUBMITTED || this == FAILED || this == COMPLETED;
    }
}
