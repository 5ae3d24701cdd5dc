package io.rulegrid.devservices;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where this JVM listens for TCP connections, as Linux tells: the sockets among the process's open files
 * ({@code /proc/self/fd}) that {@code /proc/net/tcp} and {@code tcp6} list as listening, with their addresses.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static Set<InetSocketAddress> ofThisJvm() throws IOException {
        Set<String> socketInodes = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        socketInodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed since it was listed: it no longer listens
                }
            }
        }
        Set<InetSocketAddress> listening = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) { // the first is the header
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && socketInodes.contains(fields[9])) {
                    listening.add(address(fields[1]));
                }
            }
        }
        return listening;
    }

    /** {@code 0100007F:1F90}: the address in 32-bit words of host byte order (little-endian here), the port. */
    private static InetSocketAddress address(String field) throws UnknownHostException {
        String[] parts = field.split(":");
        String hex = parts[0];
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        // an IPv6 socket bound to 127.0.0.1 shows ::ffff:127.0.0.1, which InetAddress gives as 127.0.0.1
        return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
    }
}
