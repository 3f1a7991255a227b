package io.ledgerflow.command.audit.chain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task on a thread of its own, again {@code interval} after each run ends, from the application's start to
 * its stop, so that it neither waits for nor delays other scheduled work. A failed run is logged and tried again at
 * the next turn.
 */
public final class FixedDelayWorker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(FixedDelayWorker.class);

    private final String name;
    private final Duration interval;
    private final Runnable first;
    private final Runnable task;
    private ScheduledExecutorService executor;

    /** @param first run once at start, before the first turn of {@code task} */
    public FixedDelayWorker(String name, Duration interval, Runnable first, Runnable task) {
        this.name = name;
        this.interval = interval;
        this.first = first;
        this.task = task;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(first);
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: failed, trying again in {} ms: {}", name, millis, e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
