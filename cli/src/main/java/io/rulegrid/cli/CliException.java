package io.rulegrid.cli;

/** An error whose message is all the user needs: printed on stderr, exit code 1. */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
