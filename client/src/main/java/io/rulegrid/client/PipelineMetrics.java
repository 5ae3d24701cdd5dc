package io.rulegrid.client;

/**
 * How much a running pipeline has done, summed over its job's processors on all members. Jet collects these
 * every few seconds (5 by default), and starts them again from 0 whenever the job starts, resumes or restarts.
 *
 * @param eventsRead     records its Kafka source emitted: the events read from the topic
 * @param recordsWritten records its Kafka sink received: decisions and dead letters written
 */
public record PipelineMetrics(long eventsRead, long recordsWritten) {
}
