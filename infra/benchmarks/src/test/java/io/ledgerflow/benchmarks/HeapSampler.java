package io.ledgerflow.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The command-service's heap after a full GC: once when {@link #start()} is called, every {@code every} while
 * the load runs (a daemon thread of its own, never Gatling's), and once at {@link #stop()}.
 */
final class HeapSampler {

    /** {@code usedBytes} -1: not measured ({@code error} says why). */
    record Sample(long elapsedSeconds, long usedBytes, String error) {

        @Override
        public String toString() {
            return elapsedSeconds + " s: " + (usedBytes < 0 ? "not measured (" + error + ")" : HeapProbe.megabytes(usedBytes));
        }
    }

    private final HeapProbe probe;
    private final Duration every;
    private final List<Sample> samples = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private long startNanos;

    HeapSampler(HeapProbe probe, Duration every) {
        this.probe = probe;
        this.every = every;
    }

    void start() {
        startNanos = System.nanoTime();
        sample();
        System.out.println("MixedRetriesSoak: command-service pid " + probe.pid() + ", heap after full GC at the start " + samples());
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::sample, every.toSeconds(), every.toSeconds(), TimeUnit.SECONDS);
    }

    void stop() {
        if (scheduler != null) {
            scheduler.shutdown(); // no more periodic samples; one already under way may finish (jcmd, ≤ 2 × 60 s)
            try {
                scheduler.awaitTermination(130, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sample();
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void sample() {
        long elapsed = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
        Sample sample;
        if (!probe.alive()) {
            sample = new Sample(elapsed, -1, "pid " + probe.pid() + " is gone: the command-service died");
        } else {
            try {
                sample = new Sample(elapsed, probe.usedAfterFullGc(), null);
            } catch (RuntimeException e) {
                sample = new Sample(elapsed, -1, e.getMessage());
            }
        }
        synchronized (this) {
            samples.add(sample);
        }
        System.out.println("MixedRetriesSoak: heap after full GC at " + sample);
    }
}
