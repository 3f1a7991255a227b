package io.ledgerflow.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

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
@Import(HeldSwitch.class)
class RebuildDeadLetterRetryTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);

    @Autowired
    TestRestTemplate http;
    @Autowired
    HeldSwitch held;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
        QueryServiceProperties.registerAuthorizationServer(registry);
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

        String generation = HeldSwitch.startRebuild(admin);
        held.awaitEntered();

        ResponseEntity<String> retried = admin.exchange(HttpMethod.POST,
                "/api/v1/admin/dead-letters/" + deadLetter.path("id").asText() + "/retry");
        held.release();
        JsonNode status = HeldSwitch.awaitRebuildEnded(viewer);

        assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(200);
        assertThat(JsonApi.parse(retried).path("retried").asBoolean()).isTrue();
        assertThat(status.path("rebuild").path("state").asText()).as(status.toString()).isEqualTo("DONE");
        assertThat(status.path("generation").asText()).isEqualTo(generation);
        ResponseEntity<String> late = viewer.get("/api/v1/accounts/dls-late");
        assertThat(late.getStatusCode().value()).as(late.getBody()).isEqualTo(200);
        assertThat(JsonApi.parse(late).path("ownerId").asText()).isEqualTo("carol");
    }
}
