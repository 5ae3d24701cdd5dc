package io.rulegrid.rules.internal.lang;

/**
 * A rule failed at run time: a type error, an index out of range, a value past its limits. {@code offset}
 * points into the expression text; the compiled expression turns it into a file line and column.
 */
final class EvalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    EvalException(int offset, String message) {
        super(message, null, false, false);
        this.offset = offset;
    }

    int offset() {
        return offset;
    }
}
