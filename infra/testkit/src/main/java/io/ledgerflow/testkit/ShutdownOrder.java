package io.ledgerflow.testkit;

import java.time.Duration;
import java.util.Set;

/**
 * The JVM starts all shutdown hooks at once. Spring closes its (test) contexts in its own hook; if the
 * servers went away first, Kafka clients and connection pools would spend their close timeouts retrying a
 * dead broker or database. So the infrastructure hook lets Spring's hooks finish first.
 */
final class ShutdownOrder {

    private static final Set<String> SPRING_SHUTDOWN_HOOKS = Set.of("SpringContextShutdownHook", "SpringApplicationShutdownHook");

    private ShutdownOrder() {
    }

    static void awaitSpringShutdownHooks(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread != Thread.currentThread() && SPRING_SHUTDOWN_HOOKS.contains(thread.getName())) {
                long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                try {
                    thread.join(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
