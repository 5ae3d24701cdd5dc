package io.rulegrid.devservices;

/** A dev service could not start, stop or serve a request; the message names the service, its port and data. */
public class DevServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DevServiceException(String message, Throwable cause) {
        super(message, cause);
    }

    public DevServiceException(String message) {
        super(message);
    }
}
