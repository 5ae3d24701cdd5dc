package io.rulegrid.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/** What the services do with their data directories: make a temporary one, tell a new one, delete one. */
final class DataDirectories {

    private DataDirectories() {
    }

    /** A new empty directory under the JVM's temporary directory, for a service that {@code close()} deletes. */
    static Path createTemporary(String service, String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new DevServiceException("cannot create a temporary data directory for " + service, e);
        }
    }

    /** Whether {@code directory} is missing, or holds nothing but files named in {@code ignored}. */
    static boolean isEmptyOrMissing(Path directory, Set<String> ignored) {
        if (!Files.isDirectory(directory)) {
            return !Files.exists(directory);
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.allMatch(entry -> ignored.contains(entry.getFileName().toString()));
        } catch (IOException e) {
            throw new DevServiceException("cannot read data directory " + directory, e);
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new DevServiceException("cannot delete the temporary data directory " + directory, e);
        }
    }
}
