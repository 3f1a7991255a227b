package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ShortIdempotencySettings
class ExpiredIdempotencyKeysApiTest extends CommandServiceTest {

    @Test
    void expired_keys_are_purged_and_the_key_then_executes_a_new_request() {
        String key = unique("key");
        Api keyed = api.with("Idempotency-Key", key);
        String template = "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}";
        Api.Response first = keyed.post("/api/v1/accounts", template.formatted(unique("acc")));
        assertThat(first.status()).isEqualTo(201);
        assertThat(keysNamed(key)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> keysNamed(key) == 0);
        String another = unique("acc");
        Api.Response afterExpiry = keyed.post("/api/v1/accounts", template.formatted(another));

        assertThat(afterExpiry.status()).isEqualTo(201);
        assertThat(afterExpiry.header("Idempotent-Replayed")).isNull();
        assertThat(replayed(another)).isPresent();
    }

    private long keysNamed(String key) {
        return jdbc.queryForObject("select count(*) from idempotency_keys where idem_key = ?", Long.class, key);
    }
}
