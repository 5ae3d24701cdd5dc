package io.rulegrid.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1: a free one for a new service, and a check that a service's port is still free. */
final class LoopbackPorts {

    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A port nothing listens on now; the service that gets it binds it right after. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /**
     * Throws if {@code port} is taken. A service checks before it starts because some, PostgreSQL among them,
     * would otherwise wait for the other process to answer as if it were them.
     */
    static void requireFree(String service, int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getByName(HOST)).close();
        } catch (IOException e) {
            throw new PortInUseException(service, port, e);
        }
    }
}
