package io.ledgerflow.command.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyOpenApiTest extends CommandServiceTest {

    @Test
    void every_post_and_put_documents_the_optional_idempotency_key_and_its_409_and_422_answers() {
        JsonNode paths = anonymous.get("/v3/api-docs").json().path("paths");
        List<JsonNode> posts = new ArrayList<>();
        paths.fields().forEachRemaining(path -> {
            for (String method : new String[] {"post", "put"}) {
                if (path.getKey().startsWith("/api/") && path.getValue().has(method)) {
                    posts.add(path.getValue().path(method));
                }
            }
        });

        assertThat(posts).isNotEmpty();
        assertThat(posts).anySatisfy(operation -> assertThat(operation.path("operationId").asText())
                .isEqualTo("overdraftLimit"));
        for (JsonNode post : posts) {
            assertThat(post.path("parameters").findValuesAsText("name")).as(post.path("operationId").asText())
                    .contains("Idempotency-Key");
            assertThat(post.path("responses").path("409").path("description").asText())
                    .contains("IDEMPOTENCY_KEY_IN_PROGRESS");
            assertThat(post.path("responses").path("422").path("description").asText())
                    .contains("IDEMPOTENCY_KEY_REUSED");
        }
    }
}
