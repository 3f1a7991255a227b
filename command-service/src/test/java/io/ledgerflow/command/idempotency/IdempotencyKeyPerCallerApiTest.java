package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeyPerCallerApiTest extends CommandServiceTest {

    @Test
    void post_with_another_callers_key_executes_on_its_own_and_never_sees_the_stored_response() {
        String key = unique("shared-key");
        String alices = unique("acc");
        String bobs = unique("acc");

        Api.Response alice = api.with("Idempotency-Key", key).post("/api/v1/accounts",
                "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}".formatted(alices));
        Api.Response bob = anonymous.as(tokenFor("bob")).with("Idempotency-Key", key).post("/api/v1/accounts",
                "{\"id\":\"%s\",\"ownerId\":\"bob\",\"currency\":\"USD\"}".formatted(bobs));
        Api.Response bobAgain = anonymous.as(tokenFor("bob")).with("Idempotency-Key", key).post("/api/v1/accounts",
                "{\"id\":\"%s\",\"ownerId\":\"bob\",\"currency\":\"USD\"}".formatted(bobs));

        assertThat(alice.status()).isEqualTo(201);
        assertThat(bob.status()).isEqualTo(201);
        assertThat(bob.header("Idempotent-Replayed")).isNull();
        assertThat(bob.json().get("id").asText()).isEqualTo(bobs);
        assertThat(bobAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(bobAgain.body()).isEqualTo(bob.body()).doesNotContain(alices);
        assertThat(replayed(bobs)).isPresent();
    }
}
