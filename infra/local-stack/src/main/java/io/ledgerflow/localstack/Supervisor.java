package io.ledgerflow.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one service running once it was healthy: a death is reported on the console, the service is started
 * again after a backoff, and when it keeps dying ({@link RestartPolicy}) the launcher is told to give up.
 * {@link #close()} stops it for good: no restart after that.
 */
final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final ServiceSpec spec;
    private final Duration healthTimeout;
    private final Consumer<String> giveUp;
    private final RecentDeaths deaths;
    private final ScheduledExecutorService restarts;
    private ServiceProcess current;
    private boolean closed;

    Supervisor(ServiceProcess first, RestartPolicy policy, Duration healthTimeout, Consumer<String> giveUp) {
        this.spec = first.spec();
        this.current = first;
        this.healthTimeout = healthTimeout;
        this.giveUp = giveUp;
        this.deaths = new RecentDeaths(spec.name(), policy, log);
        this.restarts = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ledgerflow-supervisor-" + spec.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    synchronized ServiceProcess current() {
        return current;
    }

    /** From now on a death of the service is handled here (not during start-up, where it fails the start). */
    void watch() {
        watch(current());
    }

    private void watch(ServiceProcess process) {
        process.onExit().thenRun(() -> died(process));
    }

    private void died(ServiceProcess process) {
        synchronized (this) {
            if (closed || process != current) {
                return;
            }
        }
        log.error("{} (pid {}) died: {}. Last lines of {}:\n{}", spec.name(), process.pid(),
                ExitCodes.describe(process.exitCode()), spec.logFile(), process.lastLogLines());
        afterDeath();
    }

    private void afterDeath() {
        deaths.died(spec.logFile(), giveUp)
                .ifPresent(backoff -> restarts.schedule(this::restart, backoff.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void restart() {
        ServiceProcess process;
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                process = ServiceProcess.launch(spec);
            } catch (RuntimeException e) {
                log.error("{} could not be restarted: {}", spec.name(), e.getMessage());
                restarts.execute(this::afterDeath);
                return;
            }
            current = process;
        }
        log.warn("Restarted {} (pid {})", spec.name(), process.pid());
        watch(process);
        try {
            process.awaitHealthy(Instant.now().plus(healthTimeout), this::isClosed);
        } catch (IllegalStateException notHealthy) {
            if (process.isAlive() && !isClosed()) {
                log.warn("{} is running again but not healthy: {}", spec.name(), notHealthy.getMessage());
            } // else its death is reported by watch
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        ServiceProcess last;
        synchronized (this) {
            closed = true;
            last = current;
        }
        restarts.shutdownNow();
        last.close();
    }
}
