package io.rulegrid.node.pipeline;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import io.rulegrid.node.config.KafkaConfig;
import io.rulegrid.node.config.PipelineConfig;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pipelines a member's {@code rulegrid.yaml} configures and the Kafka they use, kept for the member's answers to
 * {@code rulegrid pipeline} commands: what {@code list} shows, and what {@code start} submits with this member's own
 * configuration. A client never sends a pipeline's definition: the topics and the Kafka are the operator's, and the
 * job's classes are the members' (clients upload none).
 */
public final class MemberPipelines {

    /** A member without pipelines, whose Jet is off. */
    public static final MemberPipelines NONE = new MemberPipelines(Map.of(), null);

    private final SortedMap<String, PipelineConfig> pipelines;
    private final KafkaConfig kafka;

    /**
     * @param pipelines the configured pipelines, by name
     * @param kafka     their Kafka; {@code null} only when there is no pipeline
     */
    public MemberPipelines(Map<String, PipelineConfig> pipelines, KafkaConfig kafka) {
        if (!pipelines.isEmpty() && kafka == null) {
            throw new IllegalArgumentException("pipelines " + pipelines.keySet() + " need a Kafka, and none is given");
        }
        this.pipelines = Collections.unmodifiableSortedMap(new TreeMap<>(pipelines));
        this.kafka = kafka;
    }

    /** The configured pipelines, by name. */
    public SortedMap<String, PipelineConfig> configured() {
        return pipelines;
    }

    /**
     * Submits a pipeline's job unless it is active, as {@link EventPipelines#submit} does.
     *
     * @return the job submitted or found active; empty when this member configures no pipeline of that name
     */
    public Optional<Job> submit(HazelcastInstance member, String name) {
        PipelineConfig pipeline = pipelines.get(name);
        return pipeline == null ? Optional.empty() : Optional.of(EventPipelines.submit(member, name, pipeline, kafka));
    }
}
