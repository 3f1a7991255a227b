package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keyed request whose transaction failed, and whose key could not be freed afterwards either (the database was
 * restarting: a chaos run killed PostgreSQL backends), left its key claimed without an answer. Every retry was told
 * 409 IDEMPOTENCY_KEY_IN_PROGRESS for five minutes (abandon-after). Now a retry sees that no transaction holds the
 * key and executes. Here triggers stand in for the database failing: the answer's store fails once, then the release.
 */
class OrphanedKeyApiTest extends CommandServiceTest {

    private static final String KEY_PREFIX = "orphan-";

    private KeyStoreFailures failures;

    @BeforeEach
    void theAnswerAndThenTheReleaseFailOnce() {
        failures = KeyStoreFailures.install(jdbc, "BEFORE UPDATE OR DELETE", """
                IF TG_OP = 'UPDATE' AND NEW.idem_key LIKE '%1$s%%' AND NEW.status IS NOT NULL
                   AND nextval('{sequence}') = 1 THEN
                  RAISE EXCEPTION 'storing the answer failed (test)';
                END IF;
                IF TG_OP = 'DELETE' AND OLD.idem_key LIKE '%1$s%%' AND nextval('{sequence}') = 2 THEN
                  RAISE EXCEPTION 'freeing the key failed (test)';
                END IF;
                RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;""".formatted(KEY_PREFIX));
    }

    @AfterEach
    void dropTheTrigger() {
        failures.close();
    }

    @Test
    void a_retry_executes_at_once_when_the_request_that_claimed_the_key_no_longer_runs() {
        String account = openAccount("USD");
        Api operator = anonymous.as(tokenFor("operator")).with("Idempotency-Key", unique(KEY_PREFIX));
        String path = "/api/v1/accounts/" + account + "/deposits";
        String body = "{\"id\":\"%s\",\"amount\":100}".formatted(unique("dep"));

        Api.Response failed = operator.post(path, body);

        assertThat(failed.status()).as(failed.body()).isEqualTo(503);
        assertThat(failed.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE idem_key LIKE ? AND status IS NULL",
                Integer.class, KEY_PREFIX + "%")).as("the key is left claimed, without an answer").isEqualTo(1);
        assertThat(balances(account)).as("nothing applied").isEqualTo(new Balances(0, 0, 0));

        Api.Response retried = operator.post(path, body);
        Api.Response replayed = operator.post(path, body);

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(balances(account)).isEqualTo(new Balances(100, 0, 0));
    }
}
