package io.rulegrid.client.cli;

/** An error whose message is all the user needs: printed on stderr, exit code 1. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
