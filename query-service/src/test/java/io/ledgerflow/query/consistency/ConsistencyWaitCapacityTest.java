package io.ledgerflow.query.consistency;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.servicekit.consistency.ConsistencyToken;
import io.ledgerflow.servicekit.consistency.ConsistencyTokens;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.BOB_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each waiting read holds a request thread, so only so many wait at once; the others answer with what there is. */
@TestPropertySource(properties = "ledgerflow.consistency.max-waiting=1")
class ConsistencyWaitCapacityTest extends QueryServiceTest {

    @Autowired
    ConsistencyTokens tokens;

    @Autowired
    ConsistencyWait consistencyWait;

    @Test
    void a_read_that_finds_every_waiting_place_taken_answers_stale_at_once_while_the_waiting_one_still_waits()
            throws Exception {
        String token = tokens.issue(new ConsistencyToken(Map.of("transfer/never-projected", 0L)));
        Api alice = as("alice").with(ConsistencyToken.HEADER, token);
        // another caller, so that the place it does not get is the instance's, not a caller's share
        Api bob = as("bob").with(ConsistencyToken.HEADER, token);
        assertThat(as("alice").get("/api/v1/accounts/" + ALICE_ACCOUNT).status()).isEqualTo(200); // warm
        ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();
        CompletableFuture<Api.Response> waiting = CompletableFuture.supplyAsync(() -> {
            Api.Response response = alice.get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistencyTimeoutMs=6000");
            finished.add("waiting");
            return response;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> consistencyWait.waitingFor("alice") == 1);

        Api.Response turnedAway = bob.get("/api/v1/accounts/" + BOB_ACCOUNT + "?consistencyTimeoutMs=6000");
        finished.add("turned away");
        Api.Response waited = waiting.get(30, TimeUnit.SECONDS);

        assertThat(turnedAway.status()).isEqualTo(200);
        assertThat(turnedAway.header(ConsistencyWait.OUTCOME_HEADER)).isEqualTo("stale");
        assertThat(waited.status()).isEqualTo(200);
        assertThat(waited.header(ConsistencyWait.OUTCOME_HEADER)).isEqualTo("stale");
        assertThat(finished).as("the second read did not wait behind the first").containsExactly("turned away", "waiting");
    }
}
