package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.security.MessageDigest;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose key another request (here: one that looks as if it runs on another instance: its claim, and its
 * transaction holding the key's advisory lock) still holds waits for it, up to the configured wait, then answers 409
 * and executes nothing. The claim is older than a second, so only the lock tells that its request still runs.
 */
@ShortIdempotencySettings
class IdempotencyKeyInProgressApiTest extends CommandServiceTest {

    @Test
    void post_fails_with_409_idempotency_key_in_progress_when_the_first_request_outlasts_the_wait() throws Exception {
        String key = unique("key");
        String account = unique("acc");
        String body = "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}".formatted(account);
        byte[] hash = MessageDigest.getInstance("SHA-256")
                .digest(("POST /api/v1/accounts\n" + body).getBytes(StandardCharsets.UTF_8));
        jdbc.update("insert into idempotency_keys (subject, idem_key, request_hash, owner, claimed_at, expires_at) "
                + "values ('alice', ?, ?, ?, now() - interval '3 seconds', now() + interval '1 hour')",
                key, hash, UUID.randomUUID());

        long started;
        Api.Response waiting;
        try (Connection running = jdbc.getDataSource().getConnection()) {
            running.setAutoCommit(false);
            try (PreparedStatement lock = running.prepareStatement(IdempotencyKeys.HOLD_KEY_LOCK)) {
                lock.setString(1, "alice");
                lock.setString(2, key);
                lock.executeQuery().close();
            }
            started = System.nanoTime();
            waiting = api.with("Idempotency-Key", key).post("/api/v1/accounts", body);
            running.rollback();
        }
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(waiting.status()).isEqualTo(409);
        assertThat(waiting.code()).isEqualTo("IDEMPOTENCY_KEY_IN_PROGRESS");
        assertThat(waiting.header("Retry-After")).isEqualTo("1");
        assertThat(waitedMillis).isGreaterThanOrEqualTo(500);
        assertThat(replayed(account)).isEmpty();
    }
}
