package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A member's answer to a {@link PipelineTask}: the pipelines it configures, by name, and for a start the id of the
 * job it submitted or found active. A start of a name the member does not configure carries no job; the caller
 * names the configured ones.
 */
public final class PipelineReport implements IdentifiedDataSerializable {

    private String member;
    private List<ConfiguredPipeline> pipelines = List.of();
    private String started;
    private long jobId;

    PipelineReport() {
    }

    /**
     * @param member    the answering member's address
     * @param pipelines its configured pipelines, by name
     */
    public static PipelineReport of(String member, List<ConfiguredPipeline> pipelines) {
        PipelineReport report = new PipelineReport();
        report.member = member;
        report.pipelines = List.copyOf(pipelines);
        return report;
    }

    /** This report, noting that the job {@code jobId} of {@code pipeline} was submitted or was active already. */
    public PipelineReport withStarted(String pipeline, long jobId) {
        PipelineReport report = of(member, pipelines);
        report.started = pipeline;
        report.jobId = jobId;
        return report;
    }

    /** The answering member's address. */
    public String member() {
        return member;
    }

    /** The member's configured pipelines, by name; empty when it runs none (and has Jet off). */
    public List<ConfiguredPipeline> pipelines() {
        return pipelines;
    }

    /** The pipeline a start submitted or found active; empty for a list, or a name the member does not configure. */
    public Optional<String> started() {
        return Optional.ofNullable(started);
    }

    /** The id of the started pipeline's job; 0 unless {@link #started()}. */
    public long jobId() {
        return jobId;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(member);
        out.writeInt(pipelines.size());
        for (ConfiguredPipeline pipeline : pipelines) {
            out.writeString(pipeline.name());
            out.writeString(pipeline.topic());
            out.writeString(pipeline.namespace());
            out.writeString(pipeline.ruleset());
            out.writeString(pipeline.decisionsTopic());
            out.writeString(pipeline.deadLetterTopic());
        }
        out.writeString(started);
        out.writeLong(jobId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        member = in.readString();
        int count = in.readInt();
        List<ConfiguredPipeline> read = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            read.add(new ConfiguredPipeline(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readString()));
        }
        pipelines = List.copyOf(read);
        started = in.readString();
        jobId = in.readLong();
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.PIPELINE_REPORT;
    }
}
