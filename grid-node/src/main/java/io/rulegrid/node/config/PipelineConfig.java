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
 * @param exactlyOnce     whether each event is applied and its decisions committed exactly once (the default), or
 *                        at least once (events since the last snapshot applied again after a failure)
 * @param parallelism     how many events each member applies at once, per pipeline processor; 0 for Jet's default
 * @param aggregates      the windowed aggregates over the events, by the name the rules read them as
 *                        ({@code agg.NAME}); empty for none
 */
public record PipelineConfig(String topic, String namespace, String ruleset, String decisionsTopic,
                             String deadLetterTopic, boolean exactlyOnce, int parallelism,
                             Map<String, AggregateConfig> aggregates) implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final int MAX_PARALLELISM = 256;
    private static final String EXACTLY_ONCE = "exactly-once";
    private static final String AT_LEAST_ONCE = "at-least-once";

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
        if (parallelism < 0 || parallelism > MAX_PARALLELISM) {
            throw badParallelism(parallelism);
        }
        aggregates = checkedAggregates(aggregates);
    }

    /** A pipeline with the default guarantee (exactly once) and parallelism. */
    public PipelineConfig(String topic, String namespace, String ruleset, String decisionsTopic,
                          String deadLetterTopic) {
        this(topic, namespace, ruleset, decisionsTopic, deadLetterTopic, true, 0, Map.of());
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
                                   @JsonProperty("guarantee") String guarantee,
                                   @JsonProperty("parallelism") Integer parallelism,
                                   @JsonProperty("aggregates") Map<String, AggregateConfig> aggregates) {
        if (parallelism != null && parallelism < 1) {
            throw badParallelism(parallelism);
        }
        return new PipelineConfig(topic, namespace, ruleset, decisionsTopic, deadLetterTopic, exactlyOnce(guarantee),
                parallelism == null ? 0 : parallelism, aggregates);
    }

    private static InvalidConfigException badParallelism(int parallelism) {
        return new InvalidConfigException("rulegrid config", "parallelism", "is " + parallelism + "; give 1 to "
                + MAX_PARALLELISM + ", or leave it out for Jet's default");
    }

    private static boolean exactlyOnce(String guarantee) {
        if (guarantee == null || guarantee.equals(EXACTLY_ONCE)) {
            return true;
        }
        if (guarantee.equals(AT_LEAST_ONCE)) {
            return false;
        }
        throw new InvalidConfigException("rulegrid config", "guarantee", "is '" + guarantee + "'; give "
                + EXACTLY_ONCE + " (the default) or " + AT_LEAST_ONCE);
    }
}
