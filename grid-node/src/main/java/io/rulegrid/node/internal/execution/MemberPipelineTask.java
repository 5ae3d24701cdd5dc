package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.rulegrid.grid.wire.ConfiguredPipeline;
import io.rulegrid.grid.wire.PipelineReport;
import io.rulegrid.grid.wire.PipelineTask;
import io.rulegrid.node.config.PipelineConfig;
import io.rulegrid.node.pipeline.MemberPipelines;

import java.util.List;
import java.util.Map;

/**
 * The member's {@link PipelineTask}: answers this member's configured pipelines and, for a start, submits the job
 * of the named one with this member's configuration. Hazelcast hands it the member it runs on before the call.
 */
final class MemberPipelineTask extends PipelineTask implements HazelcastInstanceAware {

    private final transient MemberPipelines pipelines;
    private transient HazelcastInstance member;

    MemberPipelineTask(MemberPipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public PipelineReport call() {
        List<ConfiguredPipeline> configured = pipelines.configured().entrySet().stream()
                .map(MemberPipelineTask::describe).toList();
        PipelineReport report = PipelineReport.of(member.getCluster().getLocalMember().getAddress().toString(),
                configured);
        String name = pipelineToStart();
        if (name == null) {
            return report;
        }
        return pipelines.submit(member, name).map(job -> report.withStarted(name, job.getId())).orElse(report);
    }

    private static ConfiguredPipeline describe(Map.Entry<String, PipelineConfig> entry) {
        PipelineConfig pipeline = entry.getValue();
        return new ConfiguredPipeline(entry.getKey(), pipeline.topic(), pipeline.namespace(), pipeline.ruleset(),
                pipeline.decisionsTopic(), pipeline.deadLetterTopic());
    }
}
