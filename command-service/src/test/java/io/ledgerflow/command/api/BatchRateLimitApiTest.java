package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch counts its transfers against its caller's batch bucket, one token each, on top of its one request: here
 * a client's bucket holds 100 transfers and refills 10 a second, so one full batch of 100 empties it for 10 s: room
 * for a slow machine between a test's batches. Each test calls as clients of its own (buckets are per subject and
 * outlive a test).
 */
@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
@TestPropertySource(properties = {
        "ledgerflow.rate-limits.batch-transfers.client.capacity=100",
        "ledgerflow.rate-limits.batch-transfers.client.per-second=10"})
class BatchRateLimitApiTest extends CommandServiceTest {

    @Test
    void post_batch_fails_with_429_and_applies_nothing_when_the_callers_batch_bucket_cannot_take_its_transfers() {
        Shop shop = newShop(10_000);
        assertThat(shop.batch(100).status()).isEqualTo(201);
        long events = storedEvents();
        Api keyed = shop.api().with("Idempotency-Key", unique("batch-key"));
        String body = body(items(100, shop.from(), shop.to()));

        Api.Response refused = keyed.post("/api/v1/transfers/batch", body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 10L);
        assertThat(storedEvents()).as("nothing of the refused batch ran").isEqualTo(events);
        assertThat(posted(shop.to())).isEqualTo(100);

        Api.Response applied = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> keyed.post("/api/v1/transfers/batch", body), response -> response.status() != 429);

        assertThat(applied.status()).as("the key was not kept for the 429: the retry ran").isEqualTo(201);
        assertThat(posted(shop.to())).isEqualTo(200);
        assertThat(keyed.post("/api/v1/transfers/batch", body).header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(posted(shop.to())).isEqualTo(200);
    }

    @Test
    void one_callers_batches_do_not_spend_another_callers_batch_bucket() {
        Shop first = newShop(1_000);
        Shop second = newShop(1_000);
        assertThat(first.batch(100).status()).isEqualTo(201);
        assertThat(first.batch(100).status()).isEqualTo(429);

        Api.Response seconds = second.batch(100);

        assertThat(seconds.status()).as(seconds.body()).isEqualTo(201);
    }

    @Test
    void single_transfers_are_not_counted_against_the_batch_bucket() {
        Shop shop = newShop(1_000);
        assertThat(shop.batch(100).status()).isEqualTo(201);
        assertThat(shop.batch(100).status()).as("the batch bucket is empty").isEqualTo(429);

        for (int i = 0; i < 5; i++) {
            String single = BatchTransfersApiTest.item(unique("single"), shop.from(), shop.to(), 1);
            assertThat(shop.api().post("/api/v1/transfers", single).status()).isEqualTo(201);
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

    /** A client of its own, with two accounts: {@code from} holding {@code funds}, {@code to} empty. */
    private record Shop(Api api, String from, String to) {

        Api.Response batch(int transfers) {
            return api.post("/api/v1/transfers/batch", body(items(transfers, from, to)));
        }
    }

    /** A client subject no other test uses (a token signed with the test authorization server's key). */
    private Shop newShop(long funds) {
        Api client = anonymous.as(AuthorizationServer.shared().mintFor(unique("shop"), "client"));
        return new Shop(client, fundedAccountOf(client, funds), fundedAccountOf(client, 0));
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
