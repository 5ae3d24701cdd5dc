package io.rulegrid.rules.internal.engine;

/**
 * A condition or action failed at run time; the message says where in the rule file and why, in words a
 * rule author can act on.
 */
public final class ExpressionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExpressionFailedException(String message) {
        super(message, null, false, false);
    }
}
