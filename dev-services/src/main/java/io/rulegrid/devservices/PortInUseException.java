package io.rulegrid.devservices;

/** A dev service cannot start because another process listens on its port on 127.0.0.1. */
public final class PortInUseException extends DevServiceException {

    private static final long serialVersionUID = 1L;

    private final int port;

    PortInUseException(String service, int port, Throwable cause) {
        this(service, port, "another process listens there", cause);
    }

    /** @param reason why the port is taken and what to do, for a service that knows more than that it is */
    PortInUseException(String service, int port, String reason, Throwable cause) {
        super(service + " cannot listen on 127.0.0.1:" + port + ": " + reason, cause);
        this.port = port;
    }

    /** The port that is taken. */
    public int port() {
        return port;
    }
}
