package io.ledgerflow.command.transfer.batch.web;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.ledgerflow.testkit.Latches;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 100 retries of one applied batch took every database connection, and other callers' commands answered 503 after
 * waiting 5 s for one (a probe's finding): past its running batches, a batch is 503 at once and nothing of it runs,
 * while a single transfer still runs.
 */
class RunningBatchesApiTest extends CommandServiceTest {

    private static final int PLACES = 8;

    @Autowired
    RunningBatches running;

    @Test
    void a_batch_past_the_running_ones_is_503_at_once_with_nothing_applied_and_a_single_transfer_still_runs()
            throws Exception {
        String a = openAccount("USD");
        String b = openAccount("USD");
        assertThat(deposit(a, unique("dep"), 100).status()).isEqualTo(201);
        String body = "{\"transfers\":[{\"id\":\"" + unique("rb") + "\",\"debitAccountId\":\"" + a
                + "\",\"creditAccountId\":\"" + b + "\",\"amount\":10,\"currency\":\"USD\"}]}";
        CountDownLatch inside = new CountDownLatch(PLACES);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> held = new ArrayList<>();
        Api.Response refused;
        Api.Response single;
        long events;
        try {
            for (int i = 0; i < PLACES; i++) {
                String caller = "caller-" + i;
                held.add(CompletableFuture.supplyAsync(() -> running.run(caller, () -> {
                    inside.countDown();
                    try {
                        return release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                })));
            }
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            events = storedEvents();

            refused = api.post("/api/v1/transfers/batch", body);
            single = transfer(unique("rs"), a, b, 5, "USD");
        } finally {
            release.countDown();
        }
        for (CompletableFuture<Boolean> place : held) {
            assertThat(place.get(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(single.status()).isEqualTo(201);
        assertThat(storedEvents()).as("only the single transfer's events").isEqualTo(events + 3);
        assertThat(api.post("/api/v1/transfers/batch", body).status()).as("the places came back").isEqualTo(201);
    }

    /**
     * Two clients sending five large batches each at once, within their batch limits, held all 8 places and other
     * callers' batches answered 503 (a probe's finding): one caller runs at most its share, then 429 at once.
     */
    @Test
    void a_batch_past_its_caller_s_share_is_429_at_once_and_another_caller_s_still_runs() throws Exception {
        RunningBatches shared = new RunningBatches(8, 2);
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                held.add(CompletableFuture.supplyAsync(() -> shared.run("alice", () -> {
                    inside.countDown();
                    Latches.awaitOpen(release, Duration.ofSeconds(30));
                    return true;
                })));
            }
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> shared.run("alice", () -> true))
                    .isInstanceOf(RunningBatches.TooManyOfTheCallersBatches.class)
                    .satisfies(refused -> {
                        ApiProblem problem = (ApiProblem) refused;
                        assertThat(problem.status().value()).isEqualTo(429);
                        assertThat(problem.code()).isEqualTo("RATE_LIMITED");
                        assertThat(problem.headers()).containsEntry("Retry-After", "1");
                    });
            assertThat(shared.run("bob", () -> true)).isTrue();
        } finally {
            release.countDown();
        }
        for (CompletableFuture<Boolean> place : held) {
            assertThat(place.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(shared.run("alice", () -> true)).as("alice's places came back").isTrue();
    }
}
