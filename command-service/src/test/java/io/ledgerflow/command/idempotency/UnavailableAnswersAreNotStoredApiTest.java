package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.AccountLockedElsewhere;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A 503 says "not now": the key is released, and the retry with the same key executes. */
class UnavailableAnswersAreNotStoredApiTest extends CommandServiceTest {

    @Autowired
    DataSource dataSource;

    @Test
    void post_that_answers_503_is_not_stored_and_the_retry_with_the_same_key_executes() throws Exception {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        String key = unique("key");
        Api keyed = api.with("Idempotency-Key", key);
        String body = "{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":10,\"currency\":\"USD\"}"
                .formatted(unique("t"), a, b);
        Api.Response busy;
        try (var held = AccountLockedElsewhere.lock(dataSource, b)) {
            busy = keyed.post("/api/v1/transfers", body);
        }
        long keptAfterBusy = jdbc.queryForObject(
                "select count(*) from idempotency_keys where idem_key = ?", Long.class, key);

        Api.Response retry = keyed.post("/api/v1/transfers", body);

        assertThat(busy.status()).isEqualTo(503);
        assertThat(keptAfterBusy).isZero();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(posted(b)).isEqualTo(10);
    }
}
