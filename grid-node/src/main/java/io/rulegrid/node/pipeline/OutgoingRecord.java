package io.rulegrid.node.pipeline;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.Serializable;

/**
 * A record the pipeline writes: a decision or a dead letter, each to its own topic through one Kafka sink, with the
 * source partition and offset of the event it came from, which tell when the event's records are committed.
 *
 * @param source       the event's source partition, {@code topic/partition}
 * @param sourceOffset the event's offset in it
 */
public record OutgoingRecord(String topic, String key, String value, String source, long sourceOffset)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The Kafka sink's conversion. */
    public ProducerRecord<String, String> toProducerRecord() {
        return new ProducerRecord<>(topic, key, value);
    }
}
