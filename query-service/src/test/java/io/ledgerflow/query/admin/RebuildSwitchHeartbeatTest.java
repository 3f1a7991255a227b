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
 * A switch that outlasts the silence window (here 1 s; a preparation lasts until the second start is answered) keeps
 * beating its heartbeat: a second start meanwhile is 409 {@code REBUILD_IN_PROGRESS}, not a takeover that would
 * discard the generation being switched to, and the first rebuild ends DONE with the projections whole.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:generous-rate-limits.properties",
        properties = {"ledgerflow.projections.rebuild.drop-grace=1s",
                "ledgerflow.projections.rebuild.silent-after=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(HeldSwitch.class)
class RebuildSwitchHeartbeatTest {

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
    void a_second_start_while_a_long_switch_beats_is_409_and_the_first_rebuild_ends_done() throws Exception {
        JsonApi viewer = new JsonApi(http).as(AuthorizationServer.shared().token("viewer"));
        JsonApi admin = new JsonApi(http).as(AuthorizationServer.shared().token("admin"));
        LedgerStream stream = new LedgerStream();
        LEDGER.publish(stream.open("hb-1", "owner-hb", "USD"));
        LEDGER.publish(stream.deposit("hb-dep", "hb-1", 700));
        await().atMost(Duration.ofSeconds(30)).until(() -> viewer.get("/api/v1/accounts/hb-1")
                .getStatusCode().value() == 200 && viewer.json("/api/v1/accounts/hb-1").path("posted").asLong() == 700);

        String generation = HeldSwitch.startRebuild(admin);
        held.awaitEntered();
        Thread.sleep(2_000); // past the silence window, inside the preparation

        ResponseEntity<String> second = admin.exchange(HttpMethod.POST, "/api/v1/admin/projections/rebuild");
        held.release();
        JsonNode status = HeldSwitch.awaitRebuildEnded(viewer);

        assertThat(second.getStatusCode().value()).as(second.getBody()).isEqualTo(409);
        assertThat(JsonApi.parse(second).path("code").asText()).isEqualTo("REBUILD_IN_PROGRESS");
        assertThat(status.path("rebuild").path("state").asText()).as(status.toString()).isEqualTo("DONE");
        assertThat(status.path("generation").asText()).isEqualTo(generation);
        assertThat(viewer.json("/api/v1/accounts/hb-1").path("posted").asLong()).isEqualTo(700);
    }
}
