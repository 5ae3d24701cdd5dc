package io.rulegrid.devservices;

import java.nio.file.Path;

/** A dev service cannot start because another running instance, in this JVM or another, uses its data directory. */
public final class DataDirectoryInUseException extends DevServiceException {

    private static final long serialVersionUID = 1L;

    private final String dataDirectory;

    DataDirectoryInUseException(String service, Path dataDirectory, String holder, Throwable cause) {
        super(service + " cannot start on data directory " + dataDirectory + ": it is in use by " + holder
                + "; stop that instance or give this one another directory", cause);
        this.dataDirectory = dataDirectory.toString();
    }

    /** The data directory that is in use. */
    public Path dataDirectory() {
        return Path.of(dataDirectory);
    }
}
