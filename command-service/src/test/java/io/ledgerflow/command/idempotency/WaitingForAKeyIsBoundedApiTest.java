package io.ledgerflow.command.idempotency;

import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries of a key whose request still runs wait for its answer, but only so many at once (8 per key by default):
 * each waiting one holds a request thread and polls the database, and a few hundred retries of one key took what
 * other callers' requests needed. The rest are answered 409 at once, and asking again later replays the answer.
 */
class WaitingForAKeyIsBoundedApiTest extends KeyedRepeatsTest {

    private static final int RETRIES = 16;
    private static final int MAY_WAIT = 8;

    @Test
    void retries_beyond_those_that_may_wait_for_the_key_are_answered_409_at_once() throws Exception {
        KeyedTransfer transfer = keyedTransfer();
        CompletableFuture<Api.Response> first;
        List<CompletableFuture<Api.Response>> retries = new ArrayList<>();
        long answeredWhileRunning;
        try (var busy = debitBusy(transfer)) {
            first = send(transfer);
            awaitClaimed(transfer);
            for (int i = 0; i < RETRIES; i++) {
                retries.add(send(transfer));
            }
            // the refusals come at once; the others wait (up to wait-timeout, 10 s) for the key while b stays locked
            await().atMost(Duration.ofSeconds(5)).until(() -> retries.stream().filter(CompletableFuture::isDone)
                    .count() >= RETRIES - MAY_WAIT);
            Thread.sleep(300); // room for a wrong extra answer to show
            answeredWhileRunning = retries.stream().filter(CompletableFuture::isDone).count();
        }

        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        List<Api.Response> answers = new ArrayList<>();
        for (CompletableFuture<Api.Response> retry : retries) {
            answers.add(retry.get(30, TimeUnit.SECONDS));
        }
        List<Api.Response> refused = answers.stream().filter(answer -> answer.status() == 409).toList();
        List<Api.Response> replayed = answers.stream().filter(answer -> answer.status() == 201).toList();
        assertThat(refused).hasSize(RETRIES - MAY_WAIT)
                .allSatisfy(answer -> {
                    assertThat(answer.code()).isEqualTo("IDEMPOTENCY_KEY_IN_PROGRESS");
                    assertThat(answer.header("Retry-After")).isEqualTo("1");
                });
        assertThat(replayed).hasSize(MAY_WAIT)
                .allSatisfy(answer -> assertThat(answer.header("Idempotent-Replayed")).isEqualTo("true"));
        assertThat(answeredWhileRunning).as("refused at once, not after waiting").isEqualTo(RETRIES - MAY_WAIT);
        Api.Response askedLater = transfer.keyed().post("/api/v1/transfers", transfer.body());
        assertThat(askedLater.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(posted(transfer.credit())).isEqualTo(100);
    }
}
