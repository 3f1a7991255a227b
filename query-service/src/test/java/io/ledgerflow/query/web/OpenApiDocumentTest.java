package io.ledgerflow.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.support.QueryServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTest extends QueryServiceTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void the_document_lists_every_controller_endpoint_with_security_and_error_responses() {
        JsonNode document = anonymous.get("/v3/api-docs").json();
        Set<String> controllerEndpoints = new HashSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(path -> path.startsWith("/api/"))
                .forEach(path -> info.getMethodsCondition().getMethods()
                        .forEach(method -> controllerEndpoints.add(method.name() + " " + path))));

        assertThat(controllerEndpoints).contains("GET /api/v1/accounts", "GET /api/v1/accounts/{id}",
                "GET /api/v1/accounts/{id}/entries", "GET /api/v1/transfers/{id}", "GET /api/v1/transfers",
                "GET /api/v1/dashboard/totals", "GET /api/v1/dashboard/volume",
                "GET /api/v1/stream", "GET /api/v1/admin/projections", "GET /api/v1/admin/dead-letters",
                "POST /api/v1/admin/dead-letters/{id}/retry", "POST /api/v1/admin/projections/rebuild");
        for (String endpoint : controllerEndpoints) {
            String[] parts = endpoint.split(" ");
            JsonNode operation = document.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
            assertThat(operation.isMissingNode()).as("documented: " + endpoint).isFalse();
            assertThat(operation.path("security").toString()).as(endpoint).contains("bearer-jwt");
            String success = endpoint.equals("POST /api/v1/admin/projections/rebuild") ? "202" : "200";
            for (String status : new String[]{success, "400", "401", "403", "429"}) {
                assertThat(operation.path("responses").has(status)).as(endpoint + " " + status).isTrue();
            }
            if (parts[1].contains("{")) { // a list names no resource that could be missing
                assertThat(operation.path("responses").path("404").path("content").has("application/problem+json"))
                        .as(endpoint).isTrue();
            }
        }
        for (String resource : new String[]{"/api/v1/accounts/{id}", "/api/v1/transfers/{id}"}) {
            assertThat(document.path("paths").path(resource).path("get").path("responses").has("304"))
                    .as(resource).isTrue();
        }
        assertThat(document.path("paths").fieldNames()).toIterable()
                .allSatisfy(path -> assertThat(path).startsWith("/api/"));
        assertThat(document.path("paths").path("/api/v1/accounts/{id}").path("get").path("responses").path("304")
                .has("content")).as("a 304 has no body").isFalse();
        JsonNode list = document.path("paths").path("/api/v1/accounts").path("get");
        assertThat(list.path("parameters").findValuesAsText("name"))
                .containsExactlyInAnyOrder("ownerId", "currency", "status", "limit", "cursor");
        JsonNode volume = document.path("paths").path("/api/v1/dashboard/volume").path("get");
        assertThat(volume.path("parameters").findValuesAsText("name"))
                .containsExactlyInAnyOrder("currency", "bucket", "from", "to");
        JsonNode stream = document.path("paths").path("/api/v1/stream").path("get");
        assertThat(stream.path("parameters").findValuesAsText("name"))
                .containsExactlyInAnyOrder("accountId", "kind", "Last-Event-ID");
        assertThat(stream.path("responses").path("200").path("content").has("text/event-stream")).isTrue();
        assertThat(stream.path("responses").path("503").path("content").has("application/problem+json")).isTrue();
        assertThat(document.path("paths").path("/api/v1/admin/dead-letters/{id}/retry").path("post")
                .path("responses").has("422")).isTrue();
        assertThat(document.path("paths").path("/api/v1/admin/dead-letters").path("get")
                .path("parameters").findValuesAsText("name")).containsExactlyInAnyOrder("limit", "cursor");
        assertThat(document.path("components").path("securitySchemes").has("bearer-jwt")).isTrue();
        assertThat(document.path("components").path("schemas").has("Problem")).isTrue();
    }
}
