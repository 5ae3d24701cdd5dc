package io.rulegrid.client;

import io.rulegrid.api.Facts;

import java.util.Map;
import java.util.Objects;

/**
 * How to evaluate: the call's parameters ({@code input} in rules) and the ruleset version. Immutable; each
 * method returns new options.
 *
 * <pre>{@code
 * EvaluationOptions.defaults().input(Map.of("vip", true)).version(3)
 * }</pre>
 */
public final class EvaluationOptions {

    private static final EvaluationOptions DEFAULTS = new EvaluationOptions(null, 0);

    /** The input as the wire carries it, a JSON object, or {@code null} for none: kept as text, so it is immutable. */
    private final String inputJson;
    private final int version;

    private EvaluationOptions(String inputJson, int version) {
        this.inputJson = inputJson;
        this.version = version;
    }

    /** No input, the active version. */
    public static EvaluationOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options with the call's parameters, read by rules as {@code input.name}.
     *
     * @throws io.rulegrid.api.MalformedFactException if a value is not JSON (a number, string, boolean, list,
     *                                                map or null)
     */
    public EvaluationOptions input(Map<String, Object> parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("input is null; use Map.of() for no input");
        }
        return new EvaluationOptions(parameters.isEmpty() ? null : Facts.toJson(Facts.normalize(parameters)), version);
    }

    /**
     * These options evaluating a given version of the ruleset instead of the active one; 0 is the active one.
     *
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public EvaluationOptions version(int rulesetVersion) {
        if (rulesetVersion < 0) {
            throw new IllegalArgumentException("ruleset version is " + rulesetVersion + " but must be >= 1, or 0 for"
                    + " the active version");
        }
        return new EvaluationOptions(inputJson, rulesetVersion);
    }

    /** A copy of the call's parameters; empty for none. */
    public Map<String, Object> input() {
        return inputJson == null ? Map.of() : Facts.parse(inputJson);
    }

    /** The ruleset version to evaluate; 0 for the active one. */
    public int version() {
        return version;
    }

    /** The input as the wire carries it: a JSON object, or {@code null} for none. */
    String inputJson() {
        return inputJson;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EvaluationOptions o && o.version == version && Objects.equals(o.inputJson, inputJson);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(inputJson) + version;
    }

    @Override
    public String toString() {
        return "EvaluationOptions[input=" + (inputJson == null ? "{}" : inputJson) + ", version="
                + (version == 0 ? "active" : version) + "]";
    }
}
