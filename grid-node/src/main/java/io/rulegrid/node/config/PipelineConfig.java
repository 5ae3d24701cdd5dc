package io.rulegrid.node.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.rulegrid.grid.GridNames;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * One Kafka event feed: events of {@code topic} are applied to the facts of {@code namespace} and evaluated with
 * {@code ruleset}; what the rules emit goes to {@code decisionsTopic}, events that cannot be applied to
 * {@code deadLetterTopic}. Serializable because the member's Jet job carries it (see {@code docs/pipelines.md}).
 *
 * @param topic           the topic of events
 * @param namespace       the namespace of an event that names none
 * @param ruleset         the ruleset evaluated after each upsert (its active version)
 * @param decisionsTopic  where emitted outputs go, one record per output
 * @param deadLetterTopic where events that cannot be applied go, with the reason
 */
public record PipelineConfig(String topic, String namespace, String ruleset, String decisionsTopic,
                             String deadLetterTopic) implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /**
     * @throws InvalidConfigException naming the key (relative to the pipeline) and the problem
     */
    public PipelineConfig {
        checkTopic("topic", topic);
        if (namespace == null) {
            throw missing("namespace", "the namespace of events that name none");
        }
        try {
            GridNames.checkNamespace(namespace);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("rulegrid config", "namespace", e.getMessage());
        }
        if (ruleset == null || ruleset.isBlank()) {
            throw missing("ruleset", "the ruleset evaluated after each upsert");
        }
        checkTopic("decisions-topic", decisionsTopic);
        checkTopic("dead-letter-topic", deadLetterTopic);
        if (decisionsTopic.equals(topic) || deadLetterTopic.equals(topic)) {
            // the pipeline would read its own output as events
            throw new InvalidConfigException("rulegrid config", decisionsTopic.equals(topic) ? "decisions-topic"
                    : "dead-letter-topic", "is the events topic '" + topic + "'; give a topic of its own");
        }
    }

    private static void checkTopic(String key, String topic) {
        if (topic == null) {
            throw missing(key, "a Kafka topic name");
        }
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new InvalidConfigException("rulegrid config", key, "is '" + topic + "' but a Kafka topic name"
                    + " must be 1-249 characters a-z, A-Z, 0-9, '.', '_' or '-', and not '.' or '..'");
        }
    }

    private static InvalidConfigException missing(String key, String what) {
        return new InvalidConfigException("rulegrid config", key, "is missing; give " + what);
    }

    @JsonCreator
    static PipelineConfig fromYaml(@JsonProperty("topic") String topic, @JsonProperty("namespace") String namespace,
                                   @JsonProperty("ruleset") String ruleset,
                                   @JsonProperty("decisions-topic") String decisionsTopic,
                                   @JsonProperty("dead-letter-topic") String deadLetterTopic) {
        return new PipelineConfig(topic, namespace, ruleset, decisionsTopic, deadLetterTopic);
    }
}
