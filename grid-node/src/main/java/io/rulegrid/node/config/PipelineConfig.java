package io.rulegrid.node.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.rulegrid.grid.GridNames;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
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
 * @param aggregates      the windowed aggregates over the events, by the name the rules read them as
 *                        ({@code agg.NAME}); empty for none
 */
public record PipelineConfig(String topic, String namespace, String ruleset, String decisionsTopic,
                             String deadLetterTopic, Map<String, AggregateConfig> aggregates) implements Serializable {

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
        aggregates = checkedAggregates(aggregates);
    }

    /** A pipeline without aggregates. */
    public PipelineConfig(String topic, String namespace, String ruleset, String decisionsTopic,
                          String deadLetterTopic) {
        this(topic, namespace, ruleset, decisionsTopic, deadLetterTopic, Map.of());
    }

    private static Map<String, AggregateConfig> checkedAggregates(Map<String, AggregateConfig> aggregates) {
        if (aggregates == null) {
            return Map.of();
        }
        for (Map.Entry<String, AggregateConfig> aggregate : new TreeMap<>(aggregates).entrySet()) {
            String name = aggregate.getKey();
            if (!isRglName(name)) {
                throw new InvalidConfigException("rulegrid config", "aggregates." + name, "is not a valid aggregate"
                        + " name; rules read it as agg.NAME, so use letters, digits, '_' or '$', not starting with a"
                        + " digit (and not 'class')");
            }
            if (aggregate.getValue() == null) {
                throw new InvalidConfigException("rulegrid config", "aggregates." + name, "is empty; give function,"
                        + " window and, except for count, field");
            }
        }
        return Map.copyOf(aggregates);
    }

    /** Whether {@code agg.NAME} reads the aggregate in RGL: an identifier by Java's rules, other than 'class'. */
    private static boolean isRglName(String name) {
        if (name.isEmpty() || name.equals("class") || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
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
                                   @JsonProperty("dead-letter-topic") String deadLetterTopic,
                                   @JsonProperty("aggregates") Map<String, AggregateConfig> aggregates) {
        return new PipelineConfig(topic, namespace, ruleset, decisionsTopic, deadLetterTopic, aggregates);
    }
}
