package io.ledgerflow.query.stream;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.query.support.SseClient;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One token cannot take every live-stream place of the instance. */
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
        // a heartbeat (every 15 s) would find the closed streams only at its second write, about 30 s from now:
        // the next request's probe finds them at once
        SseClient reconnected = open(bearer);

        assertThat(reconnected.status()).as(reconnected.text()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> callers.openBy(greedy) == 1);
    }

    /** A probe writes to the client's streams: those still read stay open, and the caller is refused. */
    @Test
    void a_caller_whose_streams_are_all_still_read_is_refused_after_the_probe_and_keeps_them() {
        String reader = "reader-" + UUID.randomUUID();
        String bearer = AuthorizationServer.shared().mintFor(reader, "viewer");
        for (int i = 0; i < 20; i++) {
            assertThat(open(bearer).status()).isEqualTo(200);
        }

        assertThat(open(bearer).status()).isEqualTo(429);
        assertThat(open(bearer).status()).isEqualTo(429);
        assertThat(callers.openBy(reader)).isEqualTo(20);
        // the heartbeat is 15 s away: what arrived before that is the probe's
        await().atMost(Duration.ofSeconds(5)).until(() -> clients.get(0).text().contains(": keep-alive"));
    }

    /**
     * Found by a black-box probe: a client that resets its connection before the stream's opening reaches it left
     * its place taken for good. The container recycled the request without the emitter's callbacks, and the
     * subscriber, which did see its writes fail, gave back only the instance's place.
     */
    @Test
    void streams_reset_before_their_opening_give_their_places_back() throws Exception {
        String flaky = "flaky-" + UUID.randomUUID();
        String bearer = AuthorizationServer.shared().mintFor(flaky, "viewer");
        for (int i = 0; i < 20; i++) {
            resetRightAfterAsking(bearer);
        }

        // at its limit, the caller's next request probes its streams: the reset ones fail their writes and end
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
                .until(() -> open(bearer).status() == 200);
        assertThat(callers.openBy(flaky)).isEqualTo(1);
    }

    private void resetRightAfterAsking(String bearer) throws IOException {
        try (Socket socket = new Socket("localhost", port())) {
            socket.getOutputStream().write(("GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + bearer + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoLinger(true, 0); // closed with a reset, not a FIN
        }
    }

    private SseClient open(String bearer) {
        SseClient client = SseClient.open(port(), "/api/v1/stream", bearer);
        clients.add(client);
        return client;
    }
}
