package io.rulegrid.rules;

import java.time.Duration;

/**
 * The bounds of one evaluation: at most {@code firingLimit} rule firings and at most {@code timeBudget}
 * of wall-clock time. An evaluation that goes past either ends in a {@link RuleEvaluationException}
 * and changes nothing.
 *
 * @param firingLimit maximum number of rule firings in one evaluation, {@code > 0}
 * @param timeBudget  maximum duration of one evaluation, {@code > 0}
 */
public record Limits(int firingLimit, Duration timeBudget) {

    /** 10,000 firings and 50 ms, as DESIGN.md specifies. */
    public static final Limits DEFAULT = new Limits(10_000, Duration.ofMillis(50));

    public Limits {
        if (firingLimit <= 0) {
            throw new IllegalArgumentException("firing limit is " + firingLimit + " but must be > 0");
        }
        if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("time budget is " + timeBudget + " but must be > 0");
        }
    }

    public Limits withFiringLimit(int limit) {
        return new Limits(limit, timeBudget);
    }

    public Limits withTimeBudget(Duration budget) {
        return new Limits(firingLimit, budget);
    }
}
