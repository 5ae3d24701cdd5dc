package io.rulegrid.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the files commands read, with errors that name the file. */
final class InputFiles {

    private InputFiles() {
    }

    /**
     * Opens {@code file} for reading.
     *
     * @throws CliException if it does not exist or cannot be read
     */
    static FileChannel open(Path file) {
        try {
            return FileChannel.open(file);
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file", e);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
