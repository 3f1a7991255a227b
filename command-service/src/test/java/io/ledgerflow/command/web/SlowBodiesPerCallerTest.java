package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The places for requests with a body are bounded per client address before the token is read, and in all; a caller
 * on two addresses could still hold every place in all with slow bodies, and every other caller's commands were
 * answered 503. Once its token is read, a caller runs at most so many of them at once, whatever their addresses.
 */
@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
@TestPropertySource(properties = "ledgerflow.rate-limits.concurrent-per-caller=2")
class SlowBodiesPerCallerTest extends CommandServiceTest {

    @Test
    void a_caller_past_its_running_bodies_gets_429_while_another_caller_is_answered_and_its_places_come_back() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                stalled.add(stalledBody(tokenFor("alice")));
            }

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                Api.Response refused = openAccount(api, "alice");
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.code()).isEqualTo("RATE_LIMITED");
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            });
            assertThat(openAccount(anonymous.as(tokenFor("bob")), "bob").status()).as("another caller")
                    .isEqualTo(201);
            assertThat(api.get("/actuator/health").status()).as("a request without a body").isEqualTo(200);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(openAccount(api, "alice").status())
                .as("the stalled requests ended: their places are given back").isEqualTo(201));
    }

    private static Api.Response openAccount(Api caller, String owner) {
        return caller.post("/api/v1/accounts", "{\"id\":\"%s\",\"ownerId\":\"%s\",\"currency\":\"EUR\"}"
                .formatted(unique("acc"), owner));
    }

    /** An account opening whose headers are sent, with its token, and whose body then stops after one byte. */
    private Socket stalledBody(String token) throws IOException {
        URI base = URI.create(baseUrl());
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }
}
