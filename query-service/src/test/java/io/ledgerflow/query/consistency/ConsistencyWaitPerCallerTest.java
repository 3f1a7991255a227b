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
import java.util.concurrent.TimeUnit;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.BOB_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A caller waits in at most a quarter of the waiting places (here 1 of 4): one token that keeps reads waiting (on
 * tokens the projections never reach) cannot leave every other caller's reads stale at once.
 */
@TestPropertySource(properties = "ledgerflow.consistency.max-waiting=4")
class ConsistencyWaitPerCallerTest extends QueryServiceTest {

    private static final String NEVER_PROJECTED = "transfer/never-projected";

    @Autowired
    ConsistencyTokens tokens;

    @Autowired
    ConsistencyWait consistencyWait;

    @Test
    void a_caller_past_its_share_answers_stale_at_once_while_another_caller_still_waits() throws Exception {
        String token = tokens.issue(new ConsistencyToken(Map.of(NEVER_PROJECTED, 0L)));
        Api alice = as("alice").with(ConsistencyToken.HEADER, token);
        Api bob = as("bob").with(ConsistencyToken.HEADER, token);
        // the context's first requests pay for its warm-up; the timed part must not
        assertThat(as("alice").get("/api/v1/accounts/" + ALICE_ACCOUNT).status()).isEqualTo(200);
        assertThat(as("bob").get("/api/v1/accounts/" + BOB_ACCOUNT).status()).isEqualTo(200);
        CompletableFuture<Api.Response> alicesWait = CompletableFuture.supplyAsync(
                () -> alice.get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistencyTimeoutMs=8000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> consistencyWait.waitingFor("alice") == 1);

        long started = System.nanoTime();
        Api.Response turnedAway = alice.get("/api/v1/accounts/" + ALICE_ACCOUNT + "?consistencyTimeoutMs=8000");
        boolean firstStillWaiting = !alicesWait.isDone();
        Api.Response bobsRead = bob.get("/api/v1/accounts/" + BOB_ACCOUNT + "?consistencyTimeoutMs=2000");
        long bobsEnd = System.nanoTime();

        assertThat(turnedAway.status()).isEqualTo(200);
        assertThat(turnedAway.header(ConsistencyWait.OUTCOME_HEADER)).isEqualTo("stale");
        assertThat(firstStillWaiting).as("alice's second read did not wait behind her first").isTrue();
        assertThat(bobsRead.status()).isEqualTo(200);
        assertThat(bobsRead.header(ConsistencyWait.OUTCOME_HEADER)).isEqualTo("stale");
        // a read turned away answers at once; bob's ran until its own 2 s deadline: it got a place
        assertThat(TimeUnit.NANOSECONDS.toMillis(bobsEnd - started)).isGreaterThanOrEqualTo(2_000);
        assertThat(alicesWait.get(30, TimeUnit.SECONDS).header(ConsistencyWait.OUTCOME_HEADER)).isEqualTo("stale");
    }
}
