package io.ledgerflow.testkit;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The JVM starts all shutdown hooks at once. Spring closes its (test) contexts in its own hook; if the
 * servers went away first, Kafka clients and connection pools would spend their close timeouts retrying a
 * dead broker or database. So the infrastructure hook lets Spring's hooks finish first.
 * <p>
 * The JVM starts the hooks one after the other, in no set order, so Spring's may not be running yet when this
 * one first looks: it looks again for a moment. (Looking once let the infrastructure stop first now and then: the
 * command-service's test JVM then spent its contexts' close timeouts on a dead broker, more than the 30 s Surefire
 * allows a fork to exit, and was killed before PostgreSQL was stopped.)
 */
final class ShutdownOrder {

    private static final Set<String> SPRING_SHUTDOWN_HOOKS = Set.of("SpringContextShutdownHook", "SpringApplicationShutdownHook");
    /** How long to look for Spring's hooks: far longer than the JVM takes to start them all. */
    static final Duration LOOK_FOR = Duration.ofMillis(500);
    private static final long LOOK_AGAIN_MILLIS = 10;

    private ShutdownOrder() {
    }

    static void awaitSpringShutdownHooks(Duration atMost) {
        awaitSpringShutdownHooks(atMost, LOOK_FOR, () -> Thread.getAllStackTraces().keySet());
    }

    /** {@code liveThreads}: the threads running now. */
    static void awaitSpringShutdownHooks(Duration atMost, Duration lookFor, Supplier<Collection<Thread>> liveThreads) {
        long deadline = System.nanoTime() + atMost.toNanos();
        long lookUntil = System.nanoTime() + lookFor.toNanos();
        try {
            List<Thread> hooks = springHooks(liveThreads.get());
            while (hooks.isEmpty() && System.nanoTime() < lookUntil) {
                Thread.sleep(LOOK_AGAIN_MILLIS);
                hooks = springHooks(liveThreads.get());
            }
            for (Thread hook : hooks) {
                hook.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Thread> springHooks(Collection<Thread> threads) {
        return threads.stream()
                .filter(thread -> thread != Thread.currentThread() && SPRING_SHUTDOWN_HOOKS.contains(thread.getName()))
                .toList();
    }
}
