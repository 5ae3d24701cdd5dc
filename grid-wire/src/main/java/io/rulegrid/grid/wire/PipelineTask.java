package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import java.io.IOException;
import java.util.Objects;

/**
 * Asks one member for the pipelines its {@code rulegrid.yaml} configures and, for a start, to submit one of them
 * by name with its own configuration: only members know a pipeline's Kafka and topics, and only they have the
 * classes of its job (clients upload none). Answered with a {@link PipelineReport}. A suspended job is resumed,
 * and a running one stopped, by the caller through Jet itself; this task only submits.
 */
public class PipelineTask extends MemberTask<PipelineReport> {

    private String start;

    protected PipelineTask() {
    }

    /** Asks for the member's configured pipelines. */
    public static PipelineTask list() {
        return new PipelineTask();
    }

    /**
     * Asks for the member's configured pipelines and to submit the job of {@code pipeline} unless it is active
     * (running, starting or suspended); a name the member does not configure submits nothing.
     */
    public static PipelineTask start(String pipeline) {
        PipelineTask task = new PipelineTask();
        task.start = Objects.requireNonNull(pipeline, "pipeline");
        return task;
    }

    /** The pipeline to submit, or {@code null} when the task only lists. */
    protected final String pipelineToStart() {
        return start;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(start);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        start = in.readString();
    }

    @Override
    public final int getClassId() {
        return WireTypes.PIPELINE_TASK;
    }
}
