package io.rulegrid.grid;

import io.rulegrid.api.RuleGridException;

/**
 * A pipeline's job did not get where a start or a stop asked it to: it did not run or suspend within the time
 * allowed, or it failed right after it was submitted. The message says which state it is in; the job may still get
 * there later ({@code pipeline status} tells).
 */
public class PipelineStateException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    private final String pipeline;

    public PipelineStateException(String pipeline, String message, Throwable cause) {
        super(message, null, null, null, cause);
        this.pipeline = pipeline;
    }

    /** The pipeline the start or stop was about. */
    public String pipeline() {
        return pipeline;
    }
}
