package io.rulegrid.node.pipeline;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.ProcessorMetaSupplier;
import com.hazelcast.jet.impl.util.WrappingProcessorMetaSupplier;
import com.hazelcast.jet.kafka.KafkaProcessors;
import com.hazelcast.jet.kafka.KafkaSources;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.ServiceFactories;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.StreamStage;
import io.rulegrid.grid.GridNames;
import io.rulegrid.node.config.KafkaConfig;
import io.rulegrid.node.config.PipelineConfig;
import io.rulegrid.node.pipeline.aggregate.EventAccessors;
import io.rulegrid.node.pipeline.aggregate.WindowedAggregates;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Jet jobs that feed Kafka events into the grid, one per configured pipeline:
 * events topic → {@link EventParser} → {@link FactApplier} on the fact's partition → decisions and dead letters.
 *
 * <p>Exactly once (the default): Jet snapshots the source offsets with aligned barriers, facts record the events
 * applied to them in their ledger so that an event delivered again is not applied again (its decisions are written
 * again from the ledger, identical), and the decisions written are flushed with each snapshot. At least once: no
 * ledger; events since the last snapshot are applied again after a failure. See {@code docs/pipelines.md}.
 */
public final class EventPipelines {

    private static final Logger LOG = LoggerFactory.getLogger(EventPipelines.class);
    /** After a failure, the events read since the last snapshot are read again. */
    private static final long SNAPSHOT_INTERVAL_MILLIS = 1_000;
    /**
     * Events each applier processor has in the grid at once (events of one fact still go one at a time): beyond
     * it, the stage takes no more input and the Kafka source waits, which bounds the job's memory.
     */
    private static final int MAX_EVENTS_IN_FLIGHT = 256;
    /** How long the decisions writer waits to fill a batch: a bound on what batching adds to a decision's latency. */
    private static final int DECISIONS_LINGER_MILLIS = 10;
    private static final int DECISIONS_BATCH_BYTES = 128 * 1024;
    private static final int FETCH_MIN_BYTES = 64 * 1024;
    /** A bound on what waiting for fuller fetches adds to an event's latency. */
    private static final int FETCH_MAX_WAIT_MILLIS = 10;

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
                .setProcessingGuarantee(pipeline.exactlyOnce() ? ProcessingGuarantee.EXACTLY_ONCE
                        : ProcessingGuarantee.AT_LEAST_ONCE)
                .setSnapshotIntervalMillis(SNAPSHOT_INTERVAL_MILLIS)
                .registerSerializer(FeedEvent.class, FeedEventSerializer.class);
        Job job = member.getJet().newJobIfAbsent(pipeline(name, pipeline, kafka), config);
        LOG.info("pipeline {}: job {} ({}) reads topic {} into namespace {} with ruleset {}, {}", name,
                config.getName(), job.getIdString(), pipeline.topic(), pipeline.namespace(), pipeline.ruleset(),
                pipeline.exactlyOnce() ? "exactly once" : "at least once");
        return job;
    }

    /** The pipeline's job: made only of io.rulegrid and Hazelcast classes, as members load no uploaded code. */
    static Pipeline pipeline(String name, PipelineConfig pipeline, KafkaConfig kafka) {
        // events of one source partition stay in their order through every stage up to the grouping by fact, so
        // that a fact's events are applied in their order on the topic (the ledger skips an overtaken one)
        Pipeline job = Pipeline.create().setPreserveOrder(true);
        StreamStage<FeedEvent> events = job
                .readFrom(KafkaSources.kafka(consumerProperties(kafka), SourceRecord::of, pipeline.topic()))
                .withoutTimestamps()
                .map(new EventParser(pipeline.namespace()));
        if (!pipeline.aggregates().isEmpty()) {
            events = WindowedAggregates.aggregate(events, pipeline.aggregates(), new EventAccessors<>(
                            FeedEvent::eventTime, FeedEvent::key, FeedEvent::factOrPatch))
                    .map(aggregated -> aggregated.item().withAggregates(aggregated.aggregates()));
        }
        // ordered (preserveOrder true): Jet's ordered async stage completes every event in flight before it passes a
        // snapshot barrier, so an event's records precede the barrier its offset precedes, which CommitTracker needs
        StreamStage<List<OutgoingRecord>> applied = events
                .groupingKey(FeedEvent::orderingKey)
                .mapUsingServiceAsync(ServiceFactories.sharedService(new FactApplier.Factory(name, pipeline)),
                        MAX_EVENTS_IN_FLIGHT, true, FactApplier::apply);
        if (pipeline.parallelism() > 0) {
            applied.setLocalParallelism(pipeline.parallelism());
        }
        // one writer per member: one producer batches the records of all the member's appliers
        applied.flatMap(Traversers::traverseIterable)
                .writeTo(Sinks.fromProcessor("write " + pipeline.decisionsTopic() + ", " + pipeline.deadLetterTopic(),
                        decisionsWriter(name, pipeline, kafka)))
                .setLocalParallelism(1);
        return job;
    }

    /**
     * One Kafka writer for decisions and dead letters, flushed (acknowledged by all replicas) before each snapshot
     * completes. Exactly once, it is wrapped to record what each snapshot made durable ({@link CommitTracker}).
     * Not transactional: Jet's two-phase commit to Kafka loses a prepared transaction when a member dies between
     * prepare and commit (its restored commit is fenced: "data loss can occur"), and a lost decision is worse than a
     * decision written twice; a fact's ledger writes the decisions of an event read again, identical, instead.
     */
    private static ProcessorMetaSupplier decisionsWriter(String name, PipelineConfig pipeline, KafkaConfig kafka) {
        ProcessorMetaSupplier writer = KafkaProcessors.<OutgoingRecord, String, String>writeKafkaP(
                producerProperties(kafka), OutgoingRecord::toProducerRecord, false);
        return pipeline.exactlyOnce() ? new WrappingProcessorMetaSupplier(writer, CommitTracker.wrapping(name))
                : writer;
    }

    private static Properties consumerProperties(KafkaConfig kafka) {
        Properties properties = new Properties();
        properties.setProperty("bootstrap.servers", kafka.bootstrapServers());
        properties.setProperty("key.deserializer", StringDeserializer.class.getName());
        properties.setProperty("value.deserializer", StringDeserializer.class.getName());
        // a new job starts at the beginning of the topic: events sent before it was first submitted count too
        properties.setProperty("auto.offset.reset", "earliest");
        // events written in transactions count once committed, never when aborted
        properties.setProperty("isolation.level", "read_committed");
        // the broker answers a fetch once it has this much or the wait is over: fewer, fuller fetches, as a fetch's
        // cost is mostly per request
        properties.setProperty("fetch.min.bytes", String.valueOf(FETCH_MIN_BYTES));
        properties.setProperty("fetch.max.wait.ms", String.valueOf(FETCH_MAX_WAIT_MILLIS));
        return properties;
    }

    private static Properties producerProperties(KafkaConfig kafka) {
        Properties properties = new Properties();
        properties.setProperty("bootstrap.servers", kafka.bootstrapServers());
        properties.setProperty("key.serializer", StringSerializer.class.getName());
        properties.setProperty("value.serializer", StringSerializer.class.getName());
        // a decision acknowledged to the job is one a broker loss does not take back
        properties.setProperty("acks", "all");
        // fewer, larger requests: the broker's cost is mostly per request, and each snapshot flushes the writer anyway
        properties.setProperty("linger.ms", String.valueOf(DECISIONS_LINGER_MILLIS));
        properties.setProperty("batch.size", String.valueOf(DECISIONS_BATCH_BYTES));
        return properties;
    }
}
