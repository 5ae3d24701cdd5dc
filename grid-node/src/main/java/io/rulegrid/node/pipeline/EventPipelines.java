package io.rulegrid.node.pipeline;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.kafka.KafkaSinks;
import com.hazelcast.jet.kafka.KafkaSources;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.ServiceFactories;
import io.rulegrid.grid.GridNames;
import io.rulegrid.node.config.KafkaConfig;
import io.rulegrid.node.config.PipelineConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Jet jobs that feed Kafka events into the grid, one per configured pipeline:
 * events topic → {@link EventParser} → {@link FactApplier} on the fact's partition → decisions and dead letters.
 *
 * <p>Processing guarantee of this slice: at-least-once. After a member loss or a job restart, events since the
 * last snapshot are applied again and their decisions written again, so a reader of the decisions topic must
 * tolerate duplicates (a decision is named by {@code eventId} and {@code index}). Exactly-once, the fact
 * remembering the last event applied to it and decisions written in Kafka transactions, is the next slice; see
 * {@code docs/pipelines.md}.
 */
public final class EventPipelines {

    private static final Logger LOG = LoggerFactory.getLogger(EventPipelines.class);
    /** Events since the last snapshot are what a restart applies again. */
    private static final long SNAPSHOT_INTERVAL_MILLIS = 1_000;

    private EventPipelines() {
    }

    /** The Jet job's name of a pipeline. */
    public static String jobName(String pipeline) {
        return GridNames.pipelineJob(pipeline);
    }

    /**
     * Submits the job of each pipeline unless it runs already: every member does this when it starts, and one job
     * per pipeline results.
     */
    public static void submitAll(HazelcastInstance member, Map<String, PipelineConfig> pipelines, KafkaConfig kafka) {
        new TreeMap<>(pipelines).forEach((name, pipeline) -> submit(member, name, pipeline, kafka));
    }

    /**
     * Submits the job of one pipeline unless it is active (running, starting or suspended: a suspended job stays
     * suspended until resumed); a completed or failed one is replaced by a new job, which has no snapshot and so
     * reads the topic from its beginning. Used when a member starts and by {@code rulegrid pipeline start}.
     *
     * @param name the pipeline's name, which names its job ({@link #jobName})
     * @return the job submitted, or the active one
     */
    public static Job submit(HazelcastInstance member, String name, PipelineConfig pipeline, KafkaConfig kafka) {
        JobConfig config = new JobConfig().setName(jobName(name))
                .setProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE)
                .setSnapshotIntervalMillis(SNAPSHOT_INTERVAL_MILLIS);
        Job job = member.getJet().newJobIfAbsent(pipeline(pipeline, kafka), config);
        LOG.info("pipeline {}: job {} ({}) reads topic {} into namespace {} with ruleset {}", name,
                config.getName(), job.getIdString(), pipeline.topic(), pipeline.namespace(), pipeline.ruleset());
        return job;
    }

    /** The pipeline's job: made only of io.rulegrid and Hazelcast classes, as members load no uploaded code. */
    static Pipeline pipeline(PipelineConfig pipeline, KafkaConfig kafka) {
        Pipeline job = Pipeline.create();
        job.readFrom(KafkaSources.kafka(consumerProperties(kafka), SourceRecord::of, pipeline.topic()))
                .withoutTimestamps()
                .map(new EventParser(pipeline.namespace()))
                .groupingKey(FeedEvent::orderingKey)
                .mapUsingServiceAsync(ServiceFactories.sharedService(new FactApplier.Factory(pipeline)),
                        FactApplier::apply)
                .flatMap(Traversers::traverseIterable)
                .writeTo(KafkaSinks.kafka(producerProperties(kafka), OutgoingRecord::toProducerRecord));
        return job;
    }

    private static Properties consumerProperties(KafkaConfig kafka) {
        Properties properties = new Properties();
        properties.setProperty("bootstrap.servers", kafka.bootstrapServers());
        properties.setProperty("key.deserializer", StringDeserializer.class.getName());
        properties.setProperty("value.deserializer", StringDeserializer.class.getName());
        // a new job starts at the beginning of the topic: events sent before it was first submitted count too
        properties.setProperty("auto.offset.reset", "earliest");
        return properties;
    }

    private static Properties producerProperties(KafkaConfig kafka) {
        Properties properties = new Properties();
        properties.setProperty("bootstrap.servers", kafka.bootstrapServers());
        properties.setProperty("key.serializer", StringSerializer.class.getName());
        properties.setProperty("value.serializer", StringSerializer.class.getName());
        // a decision acknowledged to the job is one a broker loss does not take back
        properties.setProperty("acks", "all");
        return properties;
    }
}
