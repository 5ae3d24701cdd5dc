package io.rulegrid.client;

/**
 * What a {@link Pipelines#start} or {@link Pipelines#stop} did, and the pipeline afterwards.
 *
 * @param action   what was done; {@link Action#NONE} when the pipeline was already where it was asked to be
 * @param pipeline the pipeline once its job runs (start) or no longer does (stop)
 */
public record PipelineChange(Action action, PipelineInfo pipeline) {

    /** What a start or a stop did to the pipeline's job. */
    public enum Action {
        /** A start found no job, or a failed or completed one, and submitted a new job. */
        SUBMITTED,
        /** A start resumed the suspended job from its last snapshot. */
        RESUMED,
        /** A stop suspended the running job, with a snapshot to resume from. */
        SUSPENDED,
        /** Nothing: the job already ran (start), or did not run (stop). */
        NONE
    }
}
