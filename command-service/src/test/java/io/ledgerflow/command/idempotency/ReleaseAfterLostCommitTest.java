package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.servicekit.idempotency.StoredResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A keyed request whose commit failed on its side (a reset connection) asks the store what happened, and frees the
 * key when it finds no answer. The commit may still be running in the database, holding the key's row: the release
 * waits for it, and must not delete the answer it then stores, or a retry would execute the command again.
 */
class ReleaseAfterLostCommitTest extends CommandServiceTest {

    @Autowired
    IdempotencyKeys keys;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void a_release_waiting_on_a_commit_still_in_flight_leaves_the_answer_it_stored() throws Exception {
        String subject = "alice";
        String key = unique("lost-commit");
        UUID owner = keys.claim(subject, key, new byte[]{1}).orElseThrow();
        CountDownLatch answered = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() ->
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                    keys.complete(subject, key, owner, new StoredResponse(201,
                            Map.of("Content-Type", List.of("application/json")), "{}".getBytes()));
                    answered.countDown();
                    hold(commit);
                }));
        assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keys.find(subject, key)).get().satisfies(entry -> assertThat(entry.finished())
                .as("the answer is not visible before its commit").isFalse());

        CompletableFuture<Boolean> release = CompletableFuture.supplyAsync(() -> keys.release(subject, key, owner));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity"
                + " WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM idempotency_keys%'", Integer.class) == 1);
        commit.countDown();
        inFlight.get(30, TimeUnit.SECONDS);

        assertThat(release.get(30, TimeUnit.SECONDS)).as("nothing freed").isFalse();
        assertThat(keys.find(subject, key)).get().satisfies(entry -> {
            assertThat(entry.finished()).isTrue();
            assertThat(entry.response().status()).isEqualTo(201);
        });
    }

    private static void hold(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the commit go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
