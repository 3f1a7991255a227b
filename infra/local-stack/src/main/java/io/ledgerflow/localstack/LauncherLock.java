package io.ledgerflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One launcher per data directory. Holding it also proves that processes recorded by an earlier launcher
 * (a PostgreSQL server, service JVMs) are leftovers of a dead launcher, safe to stop.
 */
final class LauncherLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private LauncherLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static LauncherLock acquire(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve("local-stack.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw alreadyRunning(dataDirectory, null);
            }
            return new LauncherLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw alreadyRunning(dataDirectory, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static IllegalStateException alreadyRunning(Path dataDirectory, Exception cause) {
        return new IllegalStateException("another Ledgerflow local stack is already running with data in " + dataDirectory, cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock failure is the error worth reporting
            }
        }
    }
}
