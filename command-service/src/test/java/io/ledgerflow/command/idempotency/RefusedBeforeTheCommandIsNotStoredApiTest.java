package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer no command produced (415 for the Content-Type, 404 for a path no endpoint has, 405) is not stored for
 * an {@code Idempotency-Key}: the key is released, and the corrected retry with the same key executes.
 */
class RefusedBeforeTheCommandIsNotStoredApiTest extends CommandServiceTest {

    @Test
    void a_415_is_not_stored_and_the_retry_with_json_executes() {
        String body = transferBody();
        Api keyed = api.with("Idempotency-Key", unique("key"));

        Api.Response refused = keyed.post("/api/v1/transfers", body, "text/plain");
        Api.Response retried = keyed.post("/api/v1/transfers", body);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(415);
        assertThat(refused.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void a_404_for_an_unknown_path_is_not_stored_and_the_retry_on_the_right_path_executes() {
        String body = transferBody();
        Api keyed = api.with("Idempotency-Key", unique("key"));

        Api.Response refused = keyed.post("/api/v1/transfers/", body);
        Api.Response retried = keyed.post("/api/v1/transfers", body);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("NOT_FOUND");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void a_405_is_not_stored_and_the_retry_with_the_right_method_executes() {
        String account = openAccount("USD");
        Api operator = anonymous.as(tokenFor("operator")).with("Idempotency-Key", unique("key"));
        String path = "/api/v1/accounts/" + account + "/freeze";

        Api.Response refused = operator.post("/api/v1/accounts/" + account + "/overdraft-limit", null);
        Api.Response retried = operator.post(path, null);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(405);
        assertThat(refused.code()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(retried.json().path("status").asText()).isEqualTo("FROZEN");
    }

    @Test
    void a_404_of_the_command_itself_is_still_stored() {
        Api operator = anonymous.as(tokenFor("operator")).with("Idempotency-Key", unique("key"));
        String path = "/api/v1/accounts/" + unique("missing") + "/freeze";

        Api.Response first = operator.post(path, null);
        Api.Response repeated = operator.post(path, null);

        assertThat(first.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(repeated.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(repeated.header("Idempotent-Replayed")).isEqualTo("true");
    }

    private String transferBody() {
        String from = fundedAccounts(1, "USD", 1_000).get(0);
        String to = openAccount("USD");
        return ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":300,"
                + "\"currency\":\"USD\"}").formatted(unique("t"), from, to);
    }
}
