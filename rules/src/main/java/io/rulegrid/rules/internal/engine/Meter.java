package io.rulegrid.rules.internal.engine;

import io.rulegrid.rules.Limits;
import io.rulegrid.rules.Ticker;

/**
 * The budget of one evaluation, drawn on inside conditions and actions: loop iterations, calls and the
 * size of what they build. The clock is read every {@value #STEPS_PER_CHECK} steps, so a runaway
 * expression is stopped soon after its time runs out, not at the next firing.
 */
public final class Meter {

    /** Steps between two reads of the clock: each step is bounded work, so this bounds the overrun. */
    private static final int STEPS_PER_CHECK = 256;

    /**
     * Most characters and elements one evaluation may create, whatever its value limits: what bounds the
     * memory of an evaluation that builds many values each within its limits (16 Mi units, about 32 MB of text).
     */
    public static final long MAX_ALLOCATION = 16L << 20;

    private final Ticker ticker;
    private final Limits limits;
    private final long deadlineNanos;
    private long steps;
    private long nextCheck = STEPS_PER_CHECK;
    private long allocated;

    Meter(Ticker ticker, Limits limits, long startNanos) {
        this.ticker = ticker;
        this.limits = limits;
        this.deadlineNanos = startNanos + limits.timeBudget().toNanos();
    }

    /** The evaluation's limits on the values rules build. */
    public Limits limits() {
        return limits;
    }

    /**
     * Charges {@code units} of work (a loop iteration is one; an operation over n elements or characters
     * charges about n).
     *
     * @throws BudgetExceededException when the time budget has run out
     */
    public void charge(long units) {
        steps += units;
        if (steps >= nextCheck) {
            nextCheck = steps + STEPS_PER_CHECK;
            checkTime();
        }
    }

    /**
     * Charges the creation of a value of {@code units} characters or elements, to the time budget and to
     * the evaluation's allocation budget.
     *
     * @throws BudgetExceededException when either has run out
     */
    public void allocate(long units) {
        checkAllocation(units);
        allocated += units;
        charge(units / 16 + 1);
    }

    /**
     * Checks that a value of {@code units} could still be created, before it is built.
     *
     * @throws BudgetExceededException when it would pass the allocation budget
     */
    public void checkAllocation(long units) {
        if (allocated + units > MAX_ALLOCATION) {
            throw new BudgetExceededException("allocation budget of " + MAX_ALLOCATION
                    + " characters and elements exceeded (values built in one evaluation)");
        }
    }

    /** @throws BudgetExceededException when the time budget has run out */
    void checkTime() {
        if (ticker.nanoTime() - deadlineNanos > 0) {
            throw new BudgetExceededException("time budget of " + limits.timeBudget().toMillis() + " ms exceeded");
        }
    }
}
