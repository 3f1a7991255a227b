package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer to a request with an {@code Idempotency-Key} is stored in the transaction that stores its events:
 * both or neither. Here the store of the answer fails once (a trigger stands in for a crash or a lost connection
 * between the two): the post of a pending transfer must then not have happened either, and the retry with the same
 * key posts it. When the answer was stored on its own after the commit, that post stayed applied with no answer,
 * and the retry was told 422 TRANSFER_ALREADY_POSTED.
 */
class AnswerStoredWithTheCommandApiTest extends CommandServiceTest {

    private static final String KEY_PREFIX = "fail-once-";

    private KeyStoreFailures failures;

    @BeforeEach
    void theFirstAnswerStoredFails() {
        failures = KeyStoreFailures.install(jdbc, "BEFORE UPDATE", """
                IF NEW.idem_key LIKE '%1$s%%' AND NEW.status IS NOT NULL AND nextval('{sequence}') = 1 THEN
                  RAISE EXCEPTION 'storing the answer failed (test)';
                END IF;
                RETURN NEW;""".formatted(KEY_PREFIX));
    }

    @AfterEach
    void dropTheTrigger() {
        failures.close();
    }

    @Test
    void a_post_whose_answer_could_not_be_stored_is_not_applied_and_its_retry_posts_it_once() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        assertThat(deposit(a, unique("dep"), 100).status()).isEqualTo(201);
        String id = unique("p");
        assertThat(pendingTransfer(id, a, b, 30, null).status()).isEqualTo(201);
        Api keyed = api.with("Idempotency-Key", unique(KEY_PREFIX));
        String path = "/api/v1/transfers/" + id + "/post";

        Api.Response failed = keyed.post(path, "{}");

        assertThat(failed.status()).as(failed.body()).isEqualTo(503);
        assertThat(failed.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(failed.header("X-Consistency-Token")).as("no token names the rolled-back write").isNull();
        assertThat(balances(a)).as("nothing posted").isEqualTo(new Balances(100, 30, 0));

        Api.Response retried = keyed.post(path, "{}");
        Api.Response replayed = keyed.post(path, "{}");

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("status").asText()).isEqualTo("POSTED");
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body()).isEqualTo(retried.body());
        assertThat(balances(a)).isEqualTo(new Balances(70, 0, 0));
        assertThat(balances(b)).isEqualTo(new Balances(30, 0, 0));
    }

    @Test
    void a_keyed_deposit_and_transfer_commit_with_their_answers_and_replay_them() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        Api operator = anonymous.as(tokenFor("operator")).with("Idempotency-Key", unique("key"));
        String deposit = "{\"id\":\"%s\",\"amount\":100}".formatted(unique("dep"));
        Api keyed = api.with("Idempotency-Key", unique("key"));
        String transfer = ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":40,"
                + "\"currency\":\"USD\"}").formatted(unique("t"), a, b);

        Api.Response deposited = operator.post("/api/v1/accounts/" + a + "/deposits", deposit);
        Api.Response transferred = keyed.post("/api/v1/transfers", transfer);
        Api.Response depositAgain = operator.post("/api/v1/accounts/" + a + "/deposits", deposit);
        Api.Response transferAgain = keyed.post("/api/v1/transfers", transfer);

        assertThat(deposited.status()).as(deposited.body()).isEqualTo(201);
        assertThat(transferred.status()).as(transferred.body()).isEqualTo(201);
        assertThat(transferred.header("X-Consistency-Token")).isNotBlank();
        assertThat(depositAgain.status()).isEqualTo(201);
        assertThat(depositAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(transferAgain.body()).isEqualTo(transferred.body());
        assertThat(transferAgain.header("X-Consistency-Token")).isEqualTo(transferred.header("X-Consistency-Token"));
        assertThat(balances(a)).isEqualTo(new Balances(60, 0, 0));
        assertThat(balances(b)).isEqualTo(new Balances(40, 0, 0));
    }
}
