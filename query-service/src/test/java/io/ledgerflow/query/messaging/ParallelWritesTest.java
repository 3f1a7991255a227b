package io.ledgerflow.query.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ParallelWritesTest {

    @Test
    void writes_run_side_by_side() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Runnable meetTheOther = () -> {
            bothStarted.countDown();
            await(bothStarted); // one after the other, the first would wait for the second in vain
        };
        try (ParallelWrites writes = new ParallelWrites(1)) {
            writes.runAll(List.of(meetTheOther, meetTheOther));
        }
        assertThat(bothStarted.getCount()).isZero();
    }

    @Test
    void a_failure_is_thrown_only_once_every_other_write_has_ended() {
        AtomicBoolean slowEnded = new AtomicBoolean();
        CountDownLatch failed = new CountDownLatch(1);
        Runnable fails = () -> {
            failed.countDown();
            throw new IllegalStateException("bulk write refused");
        };
        Runnable slow = () -> {
            await(failed);
            sleep(200);
            slowEnded.set(true);
        };
        try (ParallelWrites writes = new ParallelWrites(2)) {
            assertThatThrownBy(() -> writes.runAll(List.of(fails, slow)))
                    .isInstanceOf(IllegalStateException.class).hasMessage("bulk write refused");
            assertThat(slowEnded).as("the other write had ended when the failure was thrown").isTrue();

            assertThatThrownBy(() -> writes.runAll(List.of(slow, fails)))
                    .isInstanceOf(IllegalStateException.class).hasMessage("bulk write refused");
        }
    }

    @Test
    void a_write_that_finds_no_helper_free_runs_on_the_callers_thread() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        Runnable record = () -> threads.add(Thread.currentThread().getName());
        Runnable holdTheHelper = () -> {
            record.run();
            await(release);
        };
        try (ParallelWrites writes = new ParallelWrites(1)) {
            writes.runAll(List.of(() -> {
                record.run();
                release.countDown();
            }, holdTheHelper, record));
        }
        assertThat(threads).contains(Thread.currentThread().getName()).anyMatch(name -> name.startsWith("projection-writer-"));
    }

    @Test
    void without_helpers_writes_run_one_after_the_other_on_the_callers_thread() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (ParallelWrites writes = new ParallelWrites(0)) {
            writes.runAll(List.of(() -> threads.add(Thread.currentThread().getName()),
                    () -> threads.add(Thread.currentThread().getName())));
        }
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void once_closed_writes_still_run_on_the_callers_thread_and_none_is_dropped() {
        ParallelWrites writes = new ParallelWrites(2);
        writes.close();
        Set<String> ran = ConcurrentHashMap.newKeySet();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> writes.runAll(List.of(() -> ran.add("accounts"),
                () -> ran.add("entries"), () -> ran.add("dashboard"))));

        assertThat(ran).containsExactlyInAnyOrder("accounts", "entries", "dashboard");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
