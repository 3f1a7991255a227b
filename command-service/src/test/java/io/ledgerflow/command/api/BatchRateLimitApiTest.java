package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch counts its transfers against its caller's batch bucket, one token each, on top of its one request: here
 * a client's bucket holds 100 transfers and refills 20 a second, so one full batch of 100 empties it. Each test
 * calls as clients of its own (buckets are per subject and outlive a test).
 */
@TestPropertySource(properties = {
        "ledgerflow.rate-limits.batch-transfers.client.capacity=100",
        "ledgerflow.rate-limits.batch-transfers.client.per-second=20"})
class BatchRateLimitApiTest extends CommandServiceTest {

    @Test
    void post_batch_fails_with_429_and_applies_nothing_when_the_callers_batch_bucket_cannot_take_its_transfers() {
        Api client = newClient();
        String from = fundedAccountOf(client, 10_000);
        String to = fundedAccountOf(client, 0);
        assertThat(batch(client, items(100, from, to)).status()).isEqualTo(201);
        long events = storedEvents();
        Api keyed = client.with("Idempotency-Key", unique("batch-key"));
        String body = body(items(100, from, to));

        Api.Response refused = keyed.post("/api/v1/transfers/batch", body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 5L);
        assertThat(storedEvents()).as("nothing of the refused batch ran").isEqualTo(events);
        assertThat(posted(to)).isEqualTo(100);

        Api.Response applied = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> keyed.post("/api/v1/transfers/batch", body), response -> response.status() != 429);

        assertThat(applied.status()).as("the key was not kept for the 429: the retry ran").isEqualTo(201);
        assertThat(posted(to)).isEqualTo(200);
        assertThat(keyed.post("/api/v1/transfers/batch", body).header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(posted(to)).isEqualTo(200);
    }

    @Test
    void one_callers_batches_do_not_spend_another_callers_batch_bucket() {
        Api first = newClient();
        String from = fundedAccountOf(first, 1_000);
        String to = fundedAccountOf(first, 0);
        Api second = newClient();
        String secondsFrom = fundedAccountOf(second, 1_000);
        String secondsTo = fundedAccountOf(second, 0);
        assertThat(batch(first, items(100, from, to)).status()).isEqualTo(201);
        assertThat(batch(first, items(100, from, to)).status()).isEqualTo(429);

        Api.Response seconds = batch(second, items(100, secondsFrom, secondsTo));

        assertThat(seconds.status()).as(seconds.body()).isEqualTo(201);
    }

    @Test
    void single_transfers_are_not_counted_against_the_batch_bucket() {
        Api client = newClient();
        String from = fundedAccountOf(client, 1_000);
        String to = fundedAccountOf(client, 0);
        assertThat(batch(client, items(100, from, to)).status()).isEqualTo(201);
        assertThat(batch(client, items(100, from, to)).status()).as("the batch bucket is empty").isEqualTo(429);

        for (int i = 0; i < 5; i++) {
            String single = BatchTransfersApiTest.item(unique("single"), from, to, 1);
            assertThat(client.post("/api/v1/transfers", single).status()).isEqualTo(201);
        }
    }

    private static List<String> items(int count, String from, String to) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(BatchTransfersApiTest.item(unique("bt"), from, to, 1));
        }
        return items;
    }

    private static String body(List<String> items) {
        return "{\"transfers\":[" + String.join(",", items) + "]}";
    }

    private static Api.Response batch(Api caller, List<String> items) {
        return caller.post("/api/v1/transfers/batch", body(items));
    }

    /** A client subject no other test uses, with a token from the test authorization server's key. */
    private Api newClient() {
        return anonymous.as(AuthorizationServer.shared().mintFor(unique("shop"), "client"));
    }

    private String fundedAccountOf(Api owner, long amount) {
        String id = unique("acc");
        assertThat(owner.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(id)).status())
                .isEqualTo(201);
        if (amount > 0) {
            assertThat(deposit(id, unique("seed"), amount).status()).isEqualTo(201);
        }
        return id;
    }
}
