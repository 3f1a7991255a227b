package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.AccountLockedElsewhere;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request that holds its key longer than abandon-after (here 1 s: it waits for an account another instance
 * holds) is taken to belong to a dead instance, and a retry takes the key over and runs. When the first one finally
 * runs too, storing its answer finds the key no longer its own: it rolls back, so only one of them applies, and its
 * client is told to ask again (409), which replays the other's answer.
 */
@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
@TestPropertySource(properties = {"ledgerflow.idempotency.abandon-after=1s",
        "ledgerflow.idempotency.wait-timeout=300ms", "DATABASE_LOCK_TIMEOUT=60s"})
class KeyTakenOverApiTest extends CommandServiceTest {

    @Autowired
    DataSource dataSource;

    @Test
    void the_request_whose_key_was_taken_over_rolls_back_and_only_the_retry_applies() throws Exception {
        String a = openAccount("USD");
        String b = openAccount("USD");
        assertThat(deposit(a, unique("dep"), 100).status()).isEqualTo(201);
        String key = unique("key");
        Api keyed = api.with("Idempotency-Key", key);
        String body = ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":10,"
                + "\"currency\":\"USD\"}").formatted(unique("t"), a, b);

        CompletableFuture<Api.Response> first;
        CompletableFuture<Api.Response> retry;
        try (var held = AccountLockedElsewhere.lock(dataSource, b)) {
            first = CompletableFuture.supplyAsync(() -> keyed.post("/api/v1/transfers", body));
            // past abandon-after by the database's clock (the one the claim uses), while the first waits for b
            String firstOwner = await().atMost(Duration.ofSeconds(30)).until(() -> ownerOf(key, "1 second"),
                    Objects::nonNull);
            retry = CompletableFuture.supplyAsync(() -> keyed.post("/api/v1/transfers", body));
            await().atMost(Duration.ofSeconds(30)).until(() -> ownerOf(key, "0 seconds"),
                    owner -> owner != null && !owner.equals(firstOwner));
        }
        Api.Response firstAnswer = first.get(30, TimeUnit.SECONDS);
        Api.Response retryAnswer = retry.get(30, TimeUnit.SECONDS);
        Api.Response asked = keyed.post("/api/v1/transfers", body);

        assertThat(firstAnswer.status()).as(firstAnswer.body()).isEqualTo(409);
        assertThat(firstAnswer.code()).isEqualTo("IDEMPOTENCY_KEY_IN_PROGRESS");
        assertThat(firstAnswer.header("Retry-After")).isEqualTo("1");
        assertThat(retryAnswer.status()).as(retryAnswer.body()).isEqualTo(201);
        assertThat(asked.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(asked.body()).isEqualTo(retryAnswer.body());
        assertThat(posted(a)).isEqualTo(90);
        assertThat(posted(b)).isEqualTo(10);
    }

    /** The key's running owner, if it has held it for at least {@code heldFor}. */
    private String ownerOf(String key, String heldFor) {
        return new JdbcTemplate(dataSource).query("""
                SELECT owner::text FROM idempotency_keys
                WHERE idem_key = ? AND status IS NULL AND claimed_at <= now() - ?::interval""",
                rows -> rows.next() ? rows.getString(1) : null, key, heldFor);
    }
}
