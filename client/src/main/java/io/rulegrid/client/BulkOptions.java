package io.rulegrid.client;

import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;

import java.util.Map;
import java.util.Objects;

/**
 * How to evaluate many facts: which facts ({@link #where(String)}), and the {@link EvaluationOptions} of each
 * evaluation. Immutable; each method returns new options.
 *
 * <pre>{@code
 * BulkOptions.allFacts().where("category = 'books' AND price > 10").input(Map.of("season", "winter"))
 * }</pre>
 */
public final class BulkOptions {

    private static final BulkOptions ALL_FACTS = new BulkOptions(null, null, EvaluationOptions.defaults());

    private final String where;
    private final Predicate<String, ?> predicate;
    private final EvaluationOptions evaluation;

    private BulkOptions(String where, Predicate<String, ?> predicate, EvaluationOptions evaluation) {
        this.where = where;
        this.predicate = predicate;
        this.evaluation = evaluation;
    }

    /** Every fact of the namespace, no input, the active version. */
    public static BulkOptions allFacts() {
        return ALL_FACTS;
    }

    /**
     * These options restricted to the facts matching a predicate in Hazelcast's SQL-like syntax, e.g.
     * {@code category = 'books' AND price > 10}; indexes of the namespace apply.
     *
     * @throws IllegalArgumentException naming the predicate if it is blank or does not parse
     */
    public BulkOptions where(String predicateText) {
        if (predicateText == null || predicateText.isBlank()) {
            throw new IllegalArgumentException("where predicate is " + (predicateText == null ? "null" : "blank")
                    + "; use BulkOptions.allFacts() for every fact");
        }
        Predicate<String, ?> parsed;
        try {
            parsed = Predicates.sql(predicateText);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("where predicate \"" + predicateText + "\" does not parse: "
                    + e.getMessage(), e);
        }
        return new BulkOptions(predicateText, parsed, evaluation);
    }

    /** These options with the call's parameters; see {@link EvaluationOptions#input(Map)}. */
    public BulkOptions input(Map<String, Object> parameters) {
        return new BulkOptions(where, predicate, evaluation.input(parameters));
    }

    /** These options evaluating a given ruleset version; see {@link EvaluationOptions#version(int)}. */
    public BulkOptions version(int rulesetVersion) {
        return new BulkOptions(where, predicate, evaluation.version(rulesetVersion));
    }

    /** The predicate text facts must match, or {@code null} for every fact. */
    public String where() {
        return where;
    }

    /** The options of each evaluation. */
    public EvaluationOptions evaluation() {
        return evaluation;
    }

    /** The parsed predicate, or {@code null} for every fact. */
    Predicate<String, ?> predicate() {
        return predicate;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BulkOptions o && Objects.equals(o.where, where) && o.evaluation.equals(evaluation);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(where) + evaluation.hashCode();
    }

    @Override
    public String toString() {
        return "BulkOptions[where=" + (where == null ? "all facts" : where) + ", " + evaluation + "]";
    }
}
