package io.rulegrid.devservices;

/** A dev service cannot start because another process listens on its port on 127.0.0.1. */
public final class PortInUseException extends DevServiceException {

    private static final long serialVersionUID = 1L;

    private final int port;

    PortInUseException(String service, int port, Throwable cause) {
        super(service + " cannot listen on 127.0.0.1:" + port + ": another process listens there", cause);
        this.port = port;
    }

    /** The port that is taken. */
    public int port() {
        return port;
    }
}
