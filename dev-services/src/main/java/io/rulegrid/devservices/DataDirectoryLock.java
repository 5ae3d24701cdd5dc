package io.rulegrid.devservices;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A service's hold on its data directory while it runs, through an OS file lock on a file in it: another
 * service on the directory, in this JVM or another, fails to start instead of writing the same files. The OS
 * drops the lock of a JVM that is killed.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final Path directory;
    private final FileChannel channel;

    private DataDirectoryLock(Path directory, FileChannel channel) {
        this.directory = directory;
        this.channel = channel;
    }

    /**
     * Locks {@code directory} through its file {@code lockFileName}, creating both if they are missing.
     *
     * @throws DataDirectoryInUseException if a service holds the directory
     */
    static DataDirectoryLock acquire(String service, Path directory, String lockFileName) {
        FileChannel channel;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(lockFileName), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DevServiceException(service + " cannot create its lock file " + lockFileName
                    + " in data directory " + directory, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeAfterFailure(channel, e);
            throw new DataDirectoryInUseException(service, directory, "another " + service + " service in this JVM", e);
        } catch (IOException e) {
            closeAfterFailure(channel, e);
            throw new DevServiceException(service + " cannot lock data directory " + directory, e);
        }
        if (lock == null) {
            DataDirectoryInUseException inUse = new DataDirectoryInUseException(service, directory, "another process",
                    null);
            closeAfterFailure(channel, inUse);
            throw inUse;
        }
        return new DataDirectoryLock(directory, channel);
    }

    /** Releases the directory: closing the channel drops its lock. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new DevServiceException("cannot release the lock on data directory " + directory, e);
        }
    }

    private static void closeAfterFailure(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
