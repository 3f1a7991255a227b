package io.ledgerflow.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service JVM a killed launcher left running. The launcher records each child's pid; a child still
 * alive at the next start (whose command line still names its jar) holds the port and the consumer group,
 * so it is stopped first.
 */
final class LeftoverService {

    private static final Logger log = LoggerFactory.getLogger(LeftoverService.class);

    private LeftoverService() {
    }

    /** Stops the service recorded in the pid file if it still runs; the launcher lock proves its launcher is gone. */
    static void stopIfRunning(String name, Path pidFile, Path jar) {
        find(pidFile, jar).ifPresent(leftover -> {
            log.warn("Stopping {} (pid {}) left running by an earlier launcher", name, leftover.pid());
            ProcessStopper.stop(leftover, ServiceProcess.STOP_GRACE);
        });
        forget(pidFile);
    }

    private static Optional<ProcessHandle> find(Path pidFile, Path jar) {
        return readPid(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().map(line -> line.contains(jar.toString())).orElse(false));
    }

    static void record(Path pidFile, long pid) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, Long.toString(pid));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + pidFile, e);
        }
    }

    static void forget(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked against the live process table next time
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
