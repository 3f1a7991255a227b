package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotentReplayApiTest extends CommandServiceTest {

    @Test
    void post_replays_the_stored_response_with_idempotent_replayed_header() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        Api keyed = api.with("Idempotency-Key", unique("key"));
        String body = "{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":400,\"currency\":\"USD\"}"
                .formatted(unique("t"), a, b);

        Api.Response first = keyed.post("/api/v1/transfers", body);
        long events = storedEvents();
        Api.Response replay = keyed.post("/api/v1/transfers", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Location")).isEqualTo(first.header("Location")).isNotNull();
        assertThat(replay.contentType()).isEqualTo(first.contentType());
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(posted(a)).isEqualTo(600);
        assertThat(posted(b)).isEqualTo(400);
    }

    @Test
    void post_replays_a_stored_4xx_answer_even_when_the_request_would_now_succeed() {
        String missing = unique("acc");
        Api keyed = anonymous.as(tokenFor("operator")).with("Idempotency-Key", unique("key"));
        String deposit = "{\"id\":\"%s\",\"amount\":100}".formatted(unique("dep"));

        Api.Response first = keyed.post("/api/v1/accounts/" + missing + "/deposits", deposit);
        api.post("/api/v1/accounts", "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}".formatted(missing));
        Api.Response replay = keyed.post("/api/v1/accounts/" + missing + "/deposits", deposit);

        assertThat(first.status()).isEqualTo(404);
        assertThat(replay.status()).isEqualTo(404);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.contentType()).startsWith("application/problem+json");
        assertThat(posted(missing)).isZero();
    }

    @Test
    void post_without_the_header_is_not_replayed() {
        String body = "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"EUR\"}".formatted(unique("acc"));

        Api.Response first = api.post("/api/v1/accounts", body);
        Api.Response again = api.post("/api/v1/accounts", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isNull();
    }
}
