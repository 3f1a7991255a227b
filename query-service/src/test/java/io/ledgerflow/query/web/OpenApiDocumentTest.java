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

    private static final String[] READ_YOUR_WRITES = {"X-Consistency-Token", "consistentWith", "consistencyTimeoutMs"};

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
                .containsExactlyInAnyOrder("ownerId", "currency", "status", "limit", "cursor", READ_YOUR_WRITES[0],
                        READ_YOUR_WRITES[1], READ_YOUR_WRITES[2]);
        JsonNode volume = document.path("paths").path("/api/v1/dashboard/volume").path("get");
        assertThat(volume.path("parameters").findValuesAsText("name"))
                .containsExactlyInAnyOrder("currency", "bucket", "from", "to", READ_YOUR_WRITES[0],
                        READ_YOUR_WRITES[1], READ_YOUR_WRITES[2]);
        JsonNode stream = document.path("paths").path("/api/v1/stream").path("get");
        assertThat(stream.path("parameters").findValuesAsText("name"))
                .containsExactlyInAnyOrder("accountId", "kind", "Last-Event-ID", READ_YOUR_WRITES[0],
                        READ_YOUR_WRITES[1], READ_YOUR_WRITES[2]);
        assertThat(stream.path("responses").path("200").path("content").has("text/event-stream")).isTrue();
        assertThat(stream.path("responses").path("503").path("content").has("application/problem+json")).isTrue();
        assertThat(document.path("paths").path("/api/v1/admin/dead-letters/{id}/retry").path("post")
                .path("responses").has("422")).isTrue();
        assertThat(document.path("paths").path("/api/v1/admin/dead-letters").path("get")
                .path("parameters").findValuesAsText("name")).containsExactlyInAnyOrder("limit", "cursor",
                        READ_YOUR_WRITES[0], READ_YOUR_WRITES[1], READ_YOUR_WRITES[2]);
        assertThat(document.path("components").path("securitySchemes").has("bearer-jwt")).isTrue();
        assertThat(document.path("components").path("schemas").has("Problem")).isTrue();
    }

    /** Read-your-writes is done by filters no controller declares; a client built from the document needs it. */
    @Test
    void every_read_documents_the_consistency_token_its_parameters_and_the_answer_header() {
        JsonNode paths = anonymous.get("/v3/api-docs").json().path("paths");
        for (String path : new String[]{"/api/v1/accounts/{id}", "/api/v1/transfers", "/api/v1/dashboard/totals"}) {
            JsonNode get = paths.path(path).path("get");

            assertThat(get.path("parameters").findValuesAsText("name")).as(path)
                    .contains("X-Consistency-Token", "consistentWith", "consistencyTimeoutMs");
            assertThat(get.path("responses").path("200").path("headers").has("X-Consistency")).as(path).isTrue();
            assertThat(get.path("responses").path("429").path("headers").has("Retry-After")).as(path).isTrue();
            assertThat(get.path("responses").path("200").path("content").has("application/json")).as(path).isTrue();
        }
        for (String resource : new String[]{"/api/v1/accounts/{id}", "/api/v1/transfers/{id}"}) {
            JsonNode responses = paths.path(resource).path("get").path("responses");

            assertThat(responses.path("200").path("headers").has("ETag")).as(resource).isTrue();
            assertThat(responses.path("304").path("headers").has("ETag")).as(resource).isTrue();
        }
    }

    /** Fields the contract shows as null are declared as such, or a validator built from the document refuses them. */
    @Test
    void the_fields_that_may_be_null_are_declared_nullable_and_the_others_are_not() {
        JsonNode schemas = anonymous.get("/v3/api-docs").json().path("components").path("schemas");

        assertThat(schemas.path("AccountView").path("properties").path("code").path("type").toString())
                .contains("null");
        assertThat(schemas.path("AccountView").path("properties").path("id").path("type").toString())
                .doesNotContain("null");
        for (String field : new String[]{"timeoutSeconds", "reference", "rejectionCode", "resolvedAt"}) {
            assertThat(schemas.path("TransferView").path("properties").path(field).path("type").toString()).as(field)
                    .contains("null");
        }
        assertThat(schemas.path("PageAccountView").path("properties").path("nextCursor").path("type").toString())
                .contains("null");
    }
}
