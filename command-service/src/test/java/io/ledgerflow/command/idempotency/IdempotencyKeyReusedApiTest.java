package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeyReusedApiTest extends CommandServiceTest {

    @Test
    void post_fails_with_422_idempotency_key_reused_when_the_body_differs() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        Api keyed = api.with("Idempotency-Key", unique("key"));
        String template = "{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,\"currency\":\"USD\"}";
        keyed.post("/api/v1/transfers", template.formatted(unique("t"), a, b, 100));
        long events = storedEvents();

        Api.Response reused = keyed.post("/api/v1/transfers", template.formatted(unique("t"), a, b, 200));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.header("Idempotent-Replayed")).isNull();
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(posted(a)).isEqualTo(900);
    }

    /** PUT is keyed as POST is: a client sending a key expects its retry replayed, and a reuse refused. */
    @Test
    void put_overdraft_limit_replays_its_keyed_answer_and_refuses_the_key_with_another_body() {
        String a = openAccount("USD");
        Api keyed = anonymous.as(tokenFor("operator")).with("Idempotency-Key", unique("key"));
        String path = "/api/v1/accounts/" + a + "/overdraft-limit";

        Api.Response first = keyed.call("PUT", path, "{\"overdraftLimit\":50}", "application/json");
        Api.Response replayed = keyed.call("PUT", path, "{\"overdraftLimit\":50}", "application/json");
        long events = storedEvents();
        Api.Response reused = keyed.call("PUT", path, "{\"overdraftLimit\":70}", "application/json");
        Api.Response badKey = anonymous.as(tokenFor("operator")).with("Idempotency-Key", "two words")
                .call("PUT", path, "{\"overdraftLimit\":70}", "application/json");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body()).isEqualTo(first.body());
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(replayed(a).orElseThrow().overdraftLimit()).isEqualTo(50);
    }

    @Test
    void post_fails_with_422_idempotency_key_reused_when_the_path_differs() {
        String a = openAccount("USD");
        Api keyed = anonymous.as(tokenFor("operator")).with("Idempotency-Key", unique("key"));
        String body = "{\"id\":\"%s\",\"amount\":100}".formatted(unique("dep"));
        keyed.post("/api/v1/accounts/" + a + "/deposits", body);

        Api.Response reused = keyed.post("/api/v1/accounts/" + a + "/withdrawals", body);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(posted(a)).isEqualTo(100);
    }

    @Test
    void a_percent_encoded_path_names_the_same_request_so_its_key_is_kept_and_replayed() {
        String a = openAccount("USD");
        Api keyed = anonymous.as(tokenFor("operator")).with("Idempotency-Key", unique("key"));
        String body = "{\"id\":\"%s\",\"amount\":100}".formatted(unique("dep"));

        Api.Response encoded = keyed.post("/%61pi/v1/accounts/" + a + "/deposits", body);
        Api.Response plain = keyed.post("/api/v1/accounts/" + a + "/deposits", body);

        assertThat(encoded.status()).isEqualTo(201);
        assertThat(plain.status()).isEqualTo(201);
        assertThat(plain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(plain.body()).isEqualTo(encoded.body());
    }
}
