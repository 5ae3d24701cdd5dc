package io.rulegrid.client;

import io.rulegrid.api.Facts;

import java.util.Map;
import java.util.Objects;

/**
 * How to evaluate: the call's parameters ({@code input} in rules), the ruleset version, and whether the reply
 * carries the new fact. Immutable; each method returns new options.
 *
 * <pre>{@code
 * EvaluationOptions.defaults().input(Map.of("vip", true)).version(3).returnFact(true)
 * }</pre>
 */
public final class EvaluationOptions {

    private static final EvaluationOptions DEFAULTS = new EvaluationOptions(null, 0, false);

    /** The input as the wire carries it, a JSON object, or {@code null} for none: kept as text, so it is immutable. */
    private final String inputJson;
    private final int version;
    private final boolean returnFact;

    private EvaluationOptions(String inputJson, int version, boolean returnFact) {
        this.inputJson = inputJson;
        this.version = version;
        this.returnFact = returnFact;
    }

    /** No input, the active version, a reply without the fact. */
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
        return new EvaluationOptions(parameters.isEmpty() ? null : Facts.toJson(Facts.normalize(parameters)), version,
                returnFact);
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
        return new EvaluationOptions(inputJson, rulesetVersion, returnFact);
    }

    /**
     * These options with or without the new fact in the reply. By default the reply says what the rules did
     * (fired rules, modified fields, outputs) and leaves the fact where it is stored, so that a fact of kilobytes
     * does not cross the network on every evaluation; {@code EvaluationResult.fact()} of such a reply throws
     * {@link io.rulegrid.api.FactNotReturnedException}. With {@code true}, {@code fact()} is the fact as the
     * evaluation left it ({@code null} if retracted). This applies to one key's {@code evaluate} and
     * {@code upsertAndEvaluate}; batches of keys reply with each fact either way, and bulk evaluation
     * ({@code evaluateAll}) with none.
     */
    public EvaluationOptions returnFact(boolean withFact) {
        return new EvaluationOptions(inputJson, version, withFact);
    }

    /** A copy of the call's parameters; empty for none. */
    public Map<String, Object> input() {
        return inputJson == null ? Map.of() : Facts.parse(inputJson);
    }

    /** The ruleset version to evaluate; 0 for the active one. */
    public int version() {
        return version;
    }

    /** Whether the reply carries the new fact; {@code false} by default. */
    public boolean returnsFact() {
        return returnFact;
    }

    /** The input as the wire carries it: a JSON object, or {@code null} for none. */
    String inputJson() {
        return inputJson;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EvaluationOptions o && o.version == version && o.returnFact == returnFact
                && Objects.equals(o.inputJson, inputJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputJson, version, returnFact);
    }

    @Override
    public String toString() {
        return "EvaluationOptions[input=" + (inputJson == null ? "{}" : inputJson) + ", version="
                + (version == 0 ? "active" : version) + ", returnFact=" + returnFact + "]";
    }
}
