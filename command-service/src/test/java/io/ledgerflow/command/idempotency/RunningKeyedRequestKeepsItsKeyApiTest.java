package io.ledgerflow.command.idempotency;

import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keyed transfer whose group gives up on a busy account runs again alone. For a moment between the two nobody
 * holds the key's lock; retries polling the key then took it over from the running request, which answered 409 and
 * ran again, over and over while the account stayed busy. A request running in this instance keeps its key.
 */
class RunningKeyedRequestKeepsItsKeyApiTest extends KeyedRepeatsTest {

    private static final int RETRIES = 30;

    @Test
    void retries_arriving_while_the_request_waits_for_a_busy_account_never_take_its_key() throws Exception {
        KeyedTransfer transfer = keyedTransfer();
        CompletableFuture<Api.Response> first;
        List<CompletableFuture<Api.Response>> retries = new ArrayList<>();
        try (var busy = debitBusy(transfer)) {
            first = send(transfer);
            awaitClaimed(transfer);
            for (int i = 0; i < RETRIES; i++) { // past the group's wait for the lock (1 s), into the alone run's
                retries.add(send(transfer));
                Thread.sleep(100);
            }
        }
        Api.Response answer = first.get(30, TimeUnit.SECONDS);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.header("Idempotent-Replayed")).isNull();
        for (CompletableFuture<Api.Response> retry : retries) {
            Api.Response repeat = retry.get(30, TimeUnit.SECONDS);
            if (repeat.status() == 201) {
                assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
            } else { // more than may wait for one key
                assertThat(repeat.status()).as(repeat.body()).isEqualTo(409);
                assertThat(repeat.code()).isEqualTo("IDEMPOTENCY_KEY_IN_PROGRESS");
                assertThat(repeat.json().path("detail").asText()).doesNotContain("took the Idempotency-Key");
            }
        }
        assertThat(posted(transfer.credit())).isEqualTo(100);
    }
}
