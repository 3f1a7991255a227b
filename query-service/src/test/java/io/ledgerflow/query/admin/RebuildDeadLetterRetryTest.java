package io.ledgerflow.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.messaging.BeforeGenerationSwitch;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.JsonApi;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dead letter retried while a rebuild switches, after the switch re-applied the retries it found, still reaches the
 * generation that becomes current: it answered {@code retried: true}, so it must not vanish with the old generation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:generous-rate-limits.properties",
        properties = "ledgerflow.projections.rebuild.drop-grace=1s")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RebuildDeadLetterRetryTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);
    /** The switch's preparation lasts until the test has done what it must do inside it (30 s at most). */
    private static final CountDownLatch PREPARATION = new CountDownLatch(1);

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
        QueryServiceProperties.registerAuthorizationServer(registry);
    }

    @TestConfiguration
    static class SlowPreparation {
        /** After the dead letters' own preparation, which found no retry to re-apply. */
        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        BeforeGenerationSwitch slowPreparation() {
            return (generation, replayed) -> {
                try {
                    PREPARATION.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    @Test
    void a_dead_letter_retried_during_the_switch_is_in_the_generation_that_becomes_current() throws Exception {
        JsonApi viewer = new JsonApi(http).as(AuthorizationServer.shared().token("viewer"));
        JsonApi admin = new JsonApi(http).as(AuthorizationServer.shared().token("admin"));
        LedgerStream stream = new LedgerStream();
        LEDGER.publish(stream.open("dls-1", "owner-dls", "USD"));
        LEDGER.publishDeadLetter(stream.open("dls-late", "carol", "USD"), 1, 41, "Mongo said no (fixed since)");
        await().atMost(Duration.ofSeconds(30)).until(() -> viewer.get("/api/v1/accounts/dls-1")
                .getStatusCode().value() == 200);
        JsonNode deadLetter = await().atMost(Duration.ofSeconds(30)).until(
                () -> admin.json("/api/v1/admin/dead-letters").path("items"), items -> items.size() == 1).get(0);

        ResponseEntity<String> started = admin.exchange(HttpMethod.POST, "/api/v1/admin/projections/rebuild");
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
        String generation = JsonApi.parse(started).path("generation").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(
                () -> viewer.json("/api/v1/admin/projections").path("rebuild").path("state").asText(),
                "SWITCHING"::equals);
        Thread.sleep(500); // inside the slow preparation: the dead letters' one has run

        ResponseEntity<String> retried = admin.exchange(HttpMethod.POST,
                "/api/v1/admin/dead-letters/" + deadLetter.path("id").asText() + "/retry");
        PREPARATION.countDown();
        JsonNode status = await().atMost(Duration.ofSeconds(60)).until(
                () -> viewer.json("/api/v1/admin/projections"),
                node -> node.path("rebuild").path("state").asText().matches("DONE|FAILED"));

        assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(200);
        assertThat(JsonApi.parse(retried).path("retried").asBoolean()).isTrue();
        assertThat(status.path("rebuild").path("state").asText()).as(status.toString()).isEqualTo("DONE");
        assertThat(status.path("generation").asText()).isEqualTo(generation);
        ResponseEntity<String> late = viewer.get("/api/v1/accounts/dls-late");
        assertThat(late.getStatusCode().value()).as(late.getBody()).isEqualTo(200);
        assertThat(JsonApi.parse(late).path("ownerId").asText()).isEqualTo("carol");
    }
}
