package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.AccountLockedElsewhere;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keyed transfer whose group gives up on a busy account runs again alone. For a moment between the two nobody
 * holds the key's lock; retries polling the key then took it over from the running request, which answered 409 and
 * ran again, over and over while the account stayed busy. A request running in this instance keeps its key.
 */
class RunningKeyedRequestKeepsItsKeyApiTest extends CommandServiceTest {

    private static final int RETRIES = 30;

    @Autowired
    DataSource dataSource;

    @Test
    void retries_arriving_while_the_request_waits_for_a_busy_account_never_take_its_key() throws Exception {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        Api keyed = api.with("Idempotency-Key", unique("key"));
        String body = ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":100,"
                + "\"currency\":\"USD\"}").formatted(unique("t"), a, b);

        ExecutorService clients = Executors.newFixedThreadPool(RETRIES + 1); // each request on its own connection, at once
        CompletableFuture<Api.Response> first;
        List<CompletableFuture<Api.Response>> retries = new ArrayList<>();
        try (var busy = AccountLockedElsewhere.lock(dataSource, a)) {
            first = CompletableFuture.supplyAsync(() -> keyed.post("/api/v1/transfers", body), clients);
            Thread.sleep(300);
            for (int i = 0; i < RETRIES; i++) { // past the group's wait for the lock (1 s), into the alone run's
                retries.add(CompletableFuture.supplyAsync(() -> keyed.post("/api/v1/transfers", body), clients));
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
        assertThat(posted(b)).isEqualTo(100);
        clients.shutdown();
    }
}
