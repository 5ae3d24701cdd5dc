package io.rulegrid.demo;

/**
 * The demo's streaming phase could not finish: Kafka did not take the events, or the members' pipeline did not
 * decide every order (or dead-letter every malformed event) and nothing new came for a while. The message says
 * which topic, at which address, and how far it got.
 */
public final class PipelineStalledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PipelineStalledException(String message) {
        super(message);
    }

    PipelineStalledException(String message, Throwable cause) {
        super(message, cause);
    }
}
