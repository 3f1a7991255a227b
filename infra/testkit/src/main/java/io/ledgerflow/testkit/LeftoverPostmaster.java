package io.ledgerflow.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private LeftoverPostmaster() {
    }

    static void stopIfRunning(Path dataDirectory) {
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
