package io.ledgerflow.query.stream;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.query.support.SseClient;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One token cannot take every live-stream place of the instance. */
// frequent heartbeats: the service notices a closed stream at its next write
@TestPropertySource(properties = "ledgerflow.stream.heartbeat=500ms")
class StreamPerCallerLimitTest extends QueryServiceTest {

    private final List<SseClient> clients = new ArrayList<>();

    @Autowired
    CallerStreams callers;

    @AfterEach
    void hangUp() {
        clients.forEach(SseClient::close);
    }

    @Test
    void a_caller_past_its_streams_gets_429_with_retry_after_and_another_caller_still_gets_one() {
        String greedy = "greedy-" + UUID.randomUUID();
        String bearer = AuthorizationServer.shared().mintFor(greedy, "viewer");
        int allowed = 20;
        for (int i = 0; i < allowed; i++) {
            assertThat(open(bearer).status()).as("stream %d of %d", i + 1, allowed).isEqualTo(200);
        }

        SseClient refused = open(bearer);
        SseClient other = open(AuthorizationServer.shared().mintFor("other-" + UUID.randomUUID(), "viewer"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(callers.openBy(greedy)).isEqualTo(allowed);
        assertThat(other.status()).isEqualTo(200);

        clients.forEach(SseClient::close);
        // the service notices a closed stream at its next write (a heartbeat at the latest)
        await().atMost(Duration.ofSeconds(60)).until(() -> callers.openBy(greedy) == 0);
    }

    private SseClient open(String bearer) {
        SseClient client = SseClient.open(port(), "/api/v1/stream", bearer);
        clients.add(client);
        return client;
    }
}
