package io.rulegrid.rules;

import java.time.Duration;

/**
 * The bounds of one evaluation. Past any of them the evaluation ends in a {@link RuleEvaluationException}
 * and changes nothing.
 *
 * @param firingLimit   maximum number of rule firings, {@code > 0}
 * @param timeBudget    maximum duration, {@code > 0}; metered inside conditions and actions too, so a loop
 *                      or a costly call is cut off within twice the budget
 * @param maxString     longest string a rule may build, in characters
 * @param maxCollection most elements of a list or fields of an object a rule may build
 * @param maxDepth      deepest nesting of lists and objects a rule may build, at most {@value #MAX_DEPTH}
 * @param maxOutputs    most {@code emit} calls in one evaluation
 */
public record Limits(int firingLimit, Duration timeBudget, int maxString, int maxCollection, int maxDepth,
                     int maxOutputs) {

    /** The longest time budget: an evaluation holds its partition's thread for that long at most. */
    public static final Duration MAX_TIME_BUDGET = Duration.ofMinutes(10);

    /** The largest max-string, max-collection and max-outputs a ruleset may set: one evaluation's allocation budget. */
    public static final int MAX_VALUE_SIZE = 16 << 20;

    /** The deepest nesting a ruleset may allow its values. */
    public static final int MAX_DEPTH = 256;

    /** 10,000 firings and 50 ms as DESIGN.md specifies; 1 MiB strings, 100,000 elements, depth 64, 10,000 outputs. */
    public static final Limits DEFAULT = new Limits(10_000, Duration.ofMillis(50));

    public Limits {
        positive("firing limit", firingLimit);
        if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero() || timeBudget.compareTo(MAX_TIME_BUDGET) > 0) {
            throw new IllegalArgumentException("time budget is " + (timeBudget == null ? null : timeBudget.toMillis() + " ms")
                    + " but must be more than 0 and at most " + MAX_TIME_BUDGET.toMinutes() + " minutes");
        }
        positive("max-string", maxString);
        positive("max-collection", maxCollection);
        atMost("max-string", maxString, MAX_VALUE_SIZE);
        atMost("max-collection", maxCollection, MAX_VALUE_SIZE);
        atMost("max-outputs", maxOutputs, MAX_VALUE_SIZE);
        positive("max-depth", maxDepth);
        if (maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("max-depth is " + maxDepth + " but must be at most " + MAX_DEPTH);
        }
        positive("max-outputs", maxOutputs);
    }

    /** The given firing limit and time budget with the default value limits. */
    public Limits(int firingLimit, Duration timeBudget) {
        this(firingLimit, timeBudget, 1 << 20, 100_000, 64, 10_000);
    }

    public Limits withFiringLimit(int limit) {
        return new Limits(limit, timeBudget, maxString, maxCollection, maxDepth, maxOutputs);
    }

    public Limits withTimeBudget(Duration budget) {
        return new Limits(firingLimit, budget, maxString, maxCollection, maxDepth, maxOutputs);
    }

    /** These limits with other bounds on the values rules build. */
    public Limits withValueLimits(int string, int collection, int depth, int outputs) {
        return new Limits(firingLimit, timeBudget, string, collection, depth, outputs);
    }

    private static void atMost(String what, long value, long most) {
        if (value > most) {
            throw new IllegalArgumentException(what + " is " + value + " but must be at most " + most);
        }
    }

    private static void positive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " is " + value + " but must be > 0");
        }
    }
}
