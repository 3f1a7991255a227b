package io.ledgerflow.command.api;

import io.ledgerflow.command.support.BlackHoleProxy;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.EmbeddedInfrastructure;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops answering without closing anything (a lost route, a frozen host): the service reaches it through
 * a relay that turns into a black hole. A command gives up after the socket timeout (5 s here, 60 s by default) with
 * 503 {@code SERVICE_UNAVAILABLE} and {@code Retry-After} instead of holding its thread for good, and once the
 * database answers again the same command, sent again, takes effect once. The timeout holds for every query of
 * this context, the set-up's too: 5 s keeps a slow machine's ordinary queries under it.
 */
@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
@TestPropertySource(properties = {"spring.datasource.hikari.data-source-properties.socketTimeout=5",
        "spring.datasource.hikari.connection-timeout=6000"})
class DatabaseOutOfReachApiTest extends CommandServiceTest {

    private static final BlackHoleProxy RELAY = relay();

    static {
        databasePortOverride = RELAY.port();
    }

    @AfterAll
    static void closeRelay() throws IOException {
        databasePortOverride = null;
        RELAY.close();
    }

    @Test
    void a_transfer_answers_503_when_the_database_stops_answering_and_applies_once_when_sent_again()
            throws Exception {
        String from = openAccount("USD");
        String to = openAccount("USD");
        assertThat(deposit(from, unique("dep"), 1_000).status()).isEqualTo(201);
        String id = unique("t");

        RELAY.swallow(true);
        Api.Response lost;
        Api.Response readiness;
        try {
            lost = CompletableFuture.supplyAsync(() -> transfer(id, from, to, 300, "USD")).get(60, TimeUnit.SECONDS);
            // a probe found readiness UP throughout: a load balancer would have gone on sending commands here
            readiness = CompletableFuture.supplyAsync(() -> anonymous.get("/actuator/health/readiness"))
                    .get(60, TimeUnit.SECONDS);
        } finally {
            RELAY.swallow(false);
        }

        assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
        assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");

        assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
        assertThat(lost.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(lost.header("Retry-After")).isEqualTo("5");
        // connections that went into the hole are broken: the pool drops them as they fail, so the retry may be
        // told to come back a few times
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> transfer(id, from, to, 300, "USD").status(), status -> status == 201 || status == 200);
        assertThat(transfer(id, from, to, 300, "USD").status()).as("a repeat").isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(posted(from)).isEqualTo(700);
        assertThat(posted(to)).isEqualTo(300);
    }

    private static BlackHoleProxy relay() {
        try {
            return new BlackHoleProxy(EmbeddedInfrastructure.postgres().port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
