package io.rulegrid.node.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One windowed aggregate of a pipeline, read by its rules as {@code agg.NAME}: {@code function} over the
 * {@code field} of the events of the last {@code window} of event time (the Kafka record timestamps), per value of
 * {@code by}. Semantics in {@code docs/pipelines.md} ("Windowed aggregates"). Serializable because the pipeline's
 * Jet job carries it.
 *
 * @param function        what is computed over the window
 * @param field           the field of the event's fact whose numbers are aggregated, a name or a dotted path into
 *                        nested objects ({@code order.total}); {@code null} for {@link AggregateFunction#COUNT},
 *                        which counts events
 * @param window          how far back from an event's time the window reaches: it holds the events of
 *                        {@code (t - window, t]}
 * @param by              the field of the event's fact (a name or dotted path) whose value groups the aggregate, as
 *                        {@code customer}: one window per customer; {@code null} groups by the fact's key, one window
 *                        per fact
 * @param allowedLateness how far an event's time may lie behind the latest of its group and still be counted
 */
public record AggregateConfig(AggregateFunction function, String field, Duration window, String by,
                              Duration allowedLateness) implements Serializable {

    private static final long serialVersionUID = 1L;
    /**
     * The longest window and lateness: a member holds every event of a group's window (and lateness) in memory, so a
     * longer one is more likely a mistake than a need.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(7);
    /** A field name, or names joined by dots; a name holds no dot, as the path could not tell it from two names. */
    private static final Pattern FIELD_PATH = Pattern.compile("[^.]+(\\.[^.]+)*");

    /**
     * @throws InvalidConfigException naming the key (relative to the aggregate) and the problem
     */
    public AggregateConfig {
        if (function == null) {
            throw new InvalidConfigException("rulegrid config", "function", "is missing; give one of count, sum, min,"
                    + " max, avg");
        }
        if (function == AggregateFunction.COUNT && field != null) {
            throw new InvalidConfigException("rulegrid config", "field", "is '" + field + "' but count counts every"
                    + " event of its window and takes no field; remove it");
        }
        if (function != AggregateFunction.COUNT && field == null) {
            throw new InvalidConfigException("rulegrid config", "field", "is missing; give the field of the event's"
                    + " fact to " + function.configName() + ", e.g. amount or order.total");
        }
        checkPath("field", field);
        checkPath("by", by);
        checkDuration("window", window, false);
        checkDuration("allowed-lateness", allowedLateness, true);
    }

    private static void checkPath(String key, String path) {
        if (path != null && (path.isBlank() || !FIELD_PATH.matcher(path).matches())) {
            throw new InvalidConfigException("rulegrid config", key, "is '" + path + "' but must be a field name or"
                    + " a path of field names joined by dots, such as customer or order.customer.id");
        }
    }

    private static void checkDuration(String key, Duration duration, boolean zeroAllowed) {
        if (duration == null) {
            throw new InvalidConfigException("rulegrid config", key, "is missing; give a duration such as 10m");
        }
        if (duration.isNegative() || duration.isZero() && !zeroAllowed) {
            throw new InvalidConfigException("rulegrid config", key, "is " + (duration.isZero() ? "0" : "negative")
                    + " but must be " + (zeroAllowed ? "0 or more" : "more than 0"));
        }
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new InvalidConfigException("rulegrid config", key, "is longer than 168h (7 days), the most allowed:"
                    + " a member holds every event of a group's window in memory");
        }
    }

    /** The window in milliseconds. */
    public long windowMillis() {
        return window.toMillis();
    }

    /** The allowed lateness in milliseconds. */
    public long allowedLatenessMillis() {
        return allowedLateness.toMillis();
    }

    /** Binds the YAML keys: durations as {@code 10m}, {@code 30s}; an absent {@code allowed-lateness} is 0. */
    @JsonCreator
    static AggregateConfig fromYaml(@JsonProperty("function") String function, @JsonProperty("field") String field,
                                    @JsonProperty("window") String window, @JsonProperty("by") String by,
                                    @JsonProperty("allowed-lateness") String allowedLateness) {
        return new AggregateConfig(function == null ? null : AggregateFunction.of("function", function), field,
                window == null ? null : ConfigDurations.parse("window", window), by,
                allowedLateness == null ? Duration.ZERO : ConfigDurations.parse("allowed-lateness", allowedLateness));
    }
}
