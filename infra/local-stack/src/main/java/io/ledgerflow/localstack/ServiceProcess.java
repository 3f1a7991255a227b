package io.ledgerflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A service running as a child JVM, with its output in a log file. */
final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final int LOG_LINES_ON_FAILURE = 40;

    private final ServiceSpec spec;
    private final Process process;
    private final Instant startedAt = Instant.now();

    private ServiceProcess(ServiceSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    static ServiceProcess launch(ServiceSpec spec) {
        Ports.requireFree(spec.port(), spec.name());
        writeLogHeader(spec);
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .directory(spec.workingDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(spec.environment());
        try {
            Process process = builder.start();
            LeftoverService.record(spec.pidFile(), process.pid());
            log.info("Started {} (pid {}) on port {}, log {}", spec.name(), process.pid(), spec.port(), spec.logFile());
            return new ServiceProcess(spec, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name() + ": " + spec.command(), e);
        }
    }

    String name() {
        return spec.name();
    }

    ServiceSpec spec() {
        return spec;
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Only once it has exited. */
    int exitCode() {
        return process.exitValue();
    }

    String url() {
        return "http://localhost:" + spec.port();
    }

    int port() {
        return spec.port();
    }

    Path logFile() {
        return spec.logFile();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits until GET /actuator/health answers 200.
     *
     * @param cancelled checked between probes, so a shutdown during start-up need not wait for the deadline
     */
    void awaitHealthy(Instant deadline, BooleanSupplier cancelled) {
        while (!HealthProbe.isHealthy(url())) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue()
                        + " before it was healthy. Last lines of " + spec.logFile() + ":\n" + lastLogLines());
            }
            if (cancelled.getAsBoolean()) {
                throw new IllegalStateException("start-up of " + spec.name() + " cancelled: shutting down");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(spec.name() + " was not healthy at " + HealthProbe.healthUri(url())
                        + " in time. Last lines of " + spec.logFile() + ":\n" + lastLogLines());
            }
            sleep(POLL_INTERVAL);
        }
        log.info("{} is healthy, {} s after its start", spec.name(),
                "%.1f".formatted(Duration.between(startedAt, Instant.now()).toMillis() / 1000.0));
    }

    /** Graceful stop (SIGTERM, up to 30 s), then a forced one. */
    @Override
    public void close() {
        boolean graceful = ProcessStopper.stop(process.toHandle(), STOP_GRACE);
        if (!graceful) {
            log.warn("{} did not stop within {} and was killed", spec.name(), STOP_GRACE);
        }
        LeftoverService.forget(spec.pidFile());
    }

    String lastLogLines() {
        try {
            List<String> lines = Files.readAllLines(spec.logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e + ")";
        }
    }

    private static void writeLogHeader(ServiceSpec spec) {
        String header = "%n===== %s starting at %s: %s%n".formatted(spec.name(), Instant.now(), String.join(" ", spec.command()));
        try {
            Files.createDirectories(spec.logFile().getParent());
            Files.writeString(spec.logFile(), header, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + spec.logFile(), e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a service", e);
        }
    }
}
