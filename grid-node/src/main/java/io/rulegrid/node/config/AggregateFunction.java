package io.rulegrid.node.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a windowed aggregate computes over the events of its window. Named in {@code rulegrid.yaml} in lower case
 * ({@code function: count}).
 */
public enum AggregateFunction {
    /** How many events the window holds, whatever their field: {@code 0} for an empty window. */
    COUNT,
    /** The sum of the window's numbers; {@code null} when it holds none. */
    SUM,
    /** The smallest of the window's numbers; {@code null} when it holds none. */
    MIN,
    /** The largest of the window's numbers; {@code null} when it holds none. */
    MAX,
    /** The mean of the window's numbers; {@code null} when it holds none. */
    AVG;

    /** The name as written in {@code rulegrid.yaml}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The function named {@code text} as written in {@code rulegrid.yaml}.
     *
     * @throws InvalidConfigException naming {@code key} when it names none
     */
    static AggregateFunction of(String key, String text) {
        for (AggregateFunction function : values()) {
            if (function.configName().equals(text)) {
                return function;
            }
        }
        String known = Arrays.stream(values()).map(AggregateFunction::configName).collect(Collectors.joining(", "));
        throw new InvalidConfigException("rulegrid config", key, (text == null ? "is missing" : "is '" + text + "'")
                + "; give one of " + known);
    }
}
