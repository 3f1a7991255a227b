package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentIdempotencyKeyApiTest extends CommandServiceTest {

    private static final int THREADS = 8;

    @Test
    void concurrent_posts_with_one_key_execute_once_and_all_get_the_first_answer() throws Exception {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        Api keyed = api.with("Idempotency-Key", unique("key"));
        String keyedId = unique("t");
        String body = "{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":300,\"currency\":\"USD\"}"
                .formatted(keyedId, a, b);
        String controlId = unique("t");
        // counted on this test's own streams: other classes' timed holds may expire meanwhile
        long beforeControl = eventsOf(a, b, controlId);
        transfer(controlId, a, b, 100, "USD");
        long eventsOfOneTransfer = eventsOf(a, b, controlId) - beforeControl;
        long events = eventsOf(a, b, keyedId);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Api.Response> responses = new ArrayList<>();
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Callable<Api.Response> post = () -> {
                    start.await();
                    return keyed.post("/api/v1/transfers", body);
                };
                futures.add(pool.submit(post));
            }
            start.countDown();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        // without the key, the transfer id alone would answer the repeats with 200: all 201 means one execution
        assertThat(responses).extracting(Api.Response::status).containsOnly(201);
        assertThat(responses).extracting(Api.Response::body).containsOnly(responses.get(0).body());
        assertThat(responses.stream().filter(r -> r.header("Idempotent-Replayed") == null)).hasSize(1);
        assertThat(eventsOf(a, b, keyedId) - events).isEqualTo(eventsOfOneTransfer);
        assertThat(posted(a)).isEqualTo(600);
        assertThat(posted(b)).isEqualTo(400);
    }

    private long eventsOf(String accountA, String accountB, String transferId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier in (?, ?, ?)",
                Long.class, "account/" + accountA, "account/" + accountB, "transfer/" + transferId);
    }
}
