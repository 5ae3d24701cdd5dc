package io.rulegrid.grid.wire;

import java.util.Objects;

/**
 * One pipeline as a member's {@code rulegrid.yaml} configures it, as {@link PipelineReport} carries it to a client.
 *
 * @param name            the pipeline's name; its Jet job is {@code rulegrid-pipeline-<name>}
 * @param topic           the topic of events
 * @param namespace       the namespace of an event that names none
 * @param ruleset         the ruleset evaluated after each upsert
 * @param decisionsTopic  where emitted outputs go
 * @param deadLetterTopic where events that cannot be applied go
 */
public record ConfiguredPipeline(String name, String topic, String namespace, String ruleset, String decisionsTopic,
                                 String deadLetterTopic) {

    public ConfiguredPipeline {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(ruleset, "ruleset");
        Objects.requireNonNull(decisionsTopic, "decisionsTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    }
}
