package io.ledgerflow.query.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.support.LedgerFixture;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Idempotency-Key} on the query-service's POSTs (the admin actions), against a real Kafka topic and MongoDB
 * wire server: a repeat gets the first answer and runs nothing again; a rebuild in its own context, since it switches
 * the generation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:generous-rate-limits.properties",
        properties = "ledgerflow.projections.rebuild.drop-grace=1s")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminIdempotencyKeyApiTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);
    private static final String REBUILD = "/api/v1/admin/projections/rebuild";
    private static final String STATUS = "/api/v1/admin/projections";

    @LocalServerPort
    int port;
    private Api admin;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
        QueryServiceProperties.registerAuthorizationServer(registry);
        LEDGER.publish(LedgerFixture.events());
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    @BeforeEach
    void theFixtureIsProjected() {
        admin = new Api("http://localhost:" + port).as(AuthorizationServer.shared().token("admin"));
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get(STATUS).json().path("lag").asLong(-1) == 0);
    }

    @Test
    @Order(1)
    void post_rebuild_repeated_with_its_key_replays_the_202_and_starts_no_second_rebuild() {
        String key = UUID.randomUUID().toString();

        Api.Response first = admin.with("Idempotency-Key", key).post(REBUILD, null, null);
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.json().path("generation").asText()).isEqualTo("1");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        rebuildEnds();

        Api.Response repeat = admin.with("Idempotency-Key", key).post(REBUILD, null, null);

        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.contentType()).isEqualTo(first.contentType());
        JsonNode status = admin.get(STATUS).json();
        assertThat(status.path("rebuild").path("generation").asText()).as(status.toString()).isEqualTo("1");
        assertThat(status.path("generation").asText()).isEqualTo("1");
    }

    @Test
    @Order(2)
    void post_rebuild_sent_six_times_at_once_with_one_key_starts_one_rebuild_and_answers_all_six_alike()
            throws Exception {
        String key = UUID.randomUUID().toString();
        List<Api.Response> answers = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(6);
        try {
            List<Future<Api.Response>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(senders.submit(() -> admin.with("Idempotency-Key", key).post(REBUILD, null, null)));
            }
            for (Future<Api.Response> answer : sent) {
                answers.add(answer.get());
            }
        } finally {
            senders.shutdownNow();
        }
        rebuildEnds();

        // without the key, all but one would be 409 REBUILD_IN_PROGRESS
        assertThat(answers).as(answers.toString()).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.body()).isEqualTo(answers.get(0).body());
        });
        assertThat(answers.get(0).json().path("generation").asText()).isEqualTo("2");
        assertThat(answers).filteredOn(answer -> answer.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(admin.get(STATUS).json().path("generation").asText()).isEqualTo("2");
    }

    @Test
    @Order(3)
    void post_with_a_key_already_used_for_another_request_is_422_and_runs_nothing() {
        String key = UUID.randomUUID().toString();
        Api.Response notFound = admin.with("Idempotency-Key", key).post("/api/v1/admin/dead-letters/0-999999/retry",
                null, null);
        assertThat(notFound.status()).as(notFound.toString()).isEqualTo(404);
        assertThat(notFound.code()).isEqualTo("DEAD_LETTER_NOT_FOUND");

        Api.Response reused = admin.with("Idempotency-Key", key).post(REBUILD, null, null);

        assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(admin.get(STATUS).json().path("rebuild").path("generation").asText()).isEqualTo("2");
    }

    @Test
    @Order(4)
    void a_final_refusal_is_stored_and_replayed_like_a_success() {
        String key = UUID.randomUUID().toString();
        String path = "/api/v1/admin/dead-letters/1-424242/retry";
        Api.Response first = admin.with("Idempotency-Key", key).post(path, null, null);
        Api.Response repeat = admin.with("Idempotency-Key", key).post(path, null, null);

        assertThat(first.status()).as(first.toString()).isEqualTo(404);
        assertThat(repeat.status()).isEqualTo(404);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.body()).isEqualTo(first.body());
    }

    @Test
    @Order(5)
    void an_invalid_key_is_400_naming_the_header_and_runs_nothing() {
        Api.Response invalid = admin.with("Idempotency-Key", "has a space").post(REBUILD, null, null);

        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(invalid.json().path("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
        assertThat(admin.get(STATUS).json().path("rebuild").path("generation").asText()).isEqualTo("2");
    }

    @Test
    @Order(6)
    void every_post_documents_the_optional_key_and_its_answers() {
        JsonNode paths = new Api("http://localhost:" + port).get("/v3/api-docs").json().path("paths");
        for (String path : List.of(REBUILD, "/api/v1/admin/dead-letters/{id}/retry")) {
            JsonNode post = paths.path(path).path("post");
            assertThat(post.path("parameters").findValuesAsText("name")).as(path).contains("Idempotency-Key");
            assertThat(post.path("responses").path("422").path("description").asText()).as(path)
                    .contains("IDEMPOTENCY_KEY_REUSED");
        }
    }

    private void rebuildEnds() {
        JsonNode status = await().atMost(Duration.ofSeconds(90)).until(() -> admin.get(STATUS).json(),
                node -> node.path("rebuild").path("state").asText().matches("DONE|FAILED"));
        assertThat(status.path("rebuild").path("state").asText()).as(status.toString()).isEqualTo("DONE");
    }
}
