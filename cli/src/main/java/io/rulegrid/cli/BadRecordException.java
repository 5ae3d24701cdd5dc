package io.rulegrid.cli;

/**
 * A record of a file being loaded that is not stored: the line it starts on and why. Loads go on after it, and a
 * file may hold many, so it carries no stack trace.
 */
final class BadRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;

    BadRecordException(int line, String reason) {
        super(reason, null, false, false);
        this.line = line;
    }

    int line() {
        return line;
    }

    /** {@code FILE:LINE: reason}. */
    String describe(String file) {
        return file + ":" + line + ": " + getMessage();
    }
}
