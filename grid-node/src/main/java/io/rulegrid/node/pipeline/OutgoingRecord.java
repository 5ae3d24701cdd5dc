package io.rulegrid.node.pipeline;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.Serializable;

/** A record the pipeline writes: a decision or a dead letter, each to its own topic through one Kafka sink. */
public record OutgoingRecord(String topic, String key, String value) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The Kafka sink's conversion. */
    public ProducerRecord<String, String> toProducerRecord() {
        return new ProducerRecord<>(topic, key, value);
    }
}
