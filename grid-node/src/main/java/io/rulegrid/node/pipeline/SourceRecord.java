package io.rulegrid.node.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.Serializable;

/**
 * One record of an events topic as the pipeline keeps it: its coordinates travel with the event so that a dead
 * letter says where the event came from.
 *
 * @param timestamp the record's timestamp, epoch milliseconds: when the producer created it or the broker appended
 *                  it, as the topic's {@code message.timestamp.type} says; the event time of windowed aggregates
 * @param key       the record's key, or {@code null}
 * @param value     the record's value, the event's JSON as sent, or {@code null}
 */
public record SourceRecord(String topic, int partition, long offset, long timestamp, String key, String value)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The Kafka source's projection: the job keeps no Kafka class past the source. */
    public static SourceRecord of(ConsumerRecord<String, String> record) {
        return new SourceRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                record.value());
    }

    /** The record's partition as the pipeline names it, {@code topic/partition}: facts keep their ledger per source. */
    public String source() {
        return topic + "/" + partition;
    }
}
