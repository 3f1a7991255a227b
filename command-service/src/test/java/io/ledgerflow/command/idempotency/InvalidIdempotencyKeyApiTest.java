package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidIdempotencyKeyApiTest extends CommandServiceTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "tab\there", "256"})
    void post_fails_with_400_naming_the_header_when_the_key_is_invalid(String key) {
        String sent = key.equals("256") ? "k".repeat(256) : key;
        String account = unique("acc");

        Api.Response response = api.with("Idempotency-Key", sent).post("/api/v1/accounts",
                "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}".formatted(account));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(replayed(account)).isEmpty();
    }

    @Test
    void post_accepts_a_key_of_255_visible_ascii_characters() {
        String key = unique("k!") + "~".repeat(244);
        assertThat(key).hasSize(255);

        Api.Response response = api.with("Idempotency-Key", key).post("/api/v1/accounts",
                "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}".formatted(unique("acc")));

        assertThat(response.status()).isEqualTo(201);
    }
}
