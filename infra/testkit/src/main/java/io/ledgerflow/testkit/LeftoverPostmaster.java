package io.ledgerflow.testkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a killed launcher leaves in a kept data directory. pg_ctl detaches the postmaster from
 * the JVM, so a JVM killed with SIGKILL leaves PostgreSQL running on the old data directory and port,
 * and the next start would fail with "lock file postmaster.pid already exists".
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final String OWNER_LOCK_FILE = "epg-lock";

    private LeftoverPostmaster() {
    }

    static void stopIfRunning(Path dataDirectory) {
        requireNoLiveOwner(dataDirectory);
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // a stale pid file of a dead server: PostgreSQL recovers from that by itself
        }
        if (!isPostgres(process.get())) {
            // the pid was reused by an unrelated process; PostgreSQL would refuse to start because of it
            deleteQuietly(pidFile);
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier launcher", pid.get(), dataDirectory);
        stop(process.get());
    }

    /**
     * zonky holds a lock on {@code epg-lock} while it owns a server. If another live JVM holds it, the
     * postmaster is not left over but in use, and must not be touched.
     */
    private static void requireNoLiveOwner(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve(OWNER_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(dataDirectory, null);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDirectory, e);
        } catch (IOException e) {
            log.warn("Could not check {}: {}", lockFile, e.toString());
        }
    }

    private static IllegalStateException inUse(Path dataDirectory, Exception cause) {
        return new IllegalStateException("PostgreSQL data directory " + dataDirectory + " is in use by another running server", cause);
    }

    private static void stop(ProcessHandle postmaster) {
        postmaster.destroy(); // SIGTERM: a smart shutdown, which waits for clients
        try {
            postmaster.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // clients of the previous run are still connected: crash-stop, the WAL makes it safe
            postmaster.destroyForcibly();
            postmaster.onExit().orTimeout(GRACE.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping a leftover PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not stop a leftover PostgreSQL", e);
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }
}
