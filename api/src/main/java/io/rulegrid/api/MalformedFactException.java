package io.rulegrid.api;

/** A fact or input that is not a JSON object of JSON values. */
public class MalformedFactException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    public MalformedFactException(String message, Throwable cause) {
        super(message, null, null, null, cause);
    }
}
