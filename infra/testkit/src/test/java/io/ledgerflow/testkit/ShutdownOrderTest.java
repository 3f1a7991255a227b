package io.ledgerflow.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The infrastructure's stop hook lets Spring's hooks close their contexts first, even those the JVM starts after it. */
class ShutdownOrderTest {

    @Test
    void waits_for_a_spring_hook_that_starts_after_the_infrastructure_hook_first_looked() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread springHook = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "SpringApplicationShutdownHook");
        springHook.start();
        AtomicInteger looks = new AtomicInteger();
        // the first two looks come before the JVM started Spring's hook
        Collection<Thread> notYet = List.of();
        Thread infrastructureHook = new Thread(() -> ShutdownOrder.awaitSpringShutdownHooks(Duration.ofSeconds(30),
                Duration.ofSeconds(30), () -> looks.incrementAndGet() <= 2 ? notYet : List.of(springHook)));

        infrastructureHook.start();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (looks.get() <= 2 && System.nanoTime() < until) {
            Thread.sleep(10);
        }

        assertThat(looks.get()).isGreaterThan(2);
        assertThat(infrastructureHook.isAlive()).as("still waiting for Spring's hook").isTrue();
        release.countDown();
        infrastructureHook.join(5_000);
        assertThat(infrastructureHook.isAlive()).isFalse();
    }

    @Test
    void without_a_spring_hook_it_stops_looking_after_the_look_window() throws Exception {
        Thread infrastructureHook = new Thread(() -> ShutdownOrder.awaitSpringShutdownHooks(Duration.ofSeconds(30),
                Duration.ofMillis(50), List::of));

        infrastructureHook.start();
        infrastructureHook.join(10_000);

        assertThat(infrastructureHook.isAlive()).isFalse();
    }
}
