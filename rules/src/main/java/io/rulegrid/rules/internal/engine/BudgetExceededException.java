package io.rulegrid.rules.internal.engine;

/** An evaluation ran out of time; the engine names the rule and the firings so far. */
public final class BudgetExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BudgetExceededException(String message) {
        super(message, null, false, false);
    }
}
