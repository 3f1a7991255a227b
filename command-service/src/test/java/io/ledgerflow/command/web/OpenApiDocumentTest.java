package io.ledgerflow.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTest extends CommandServiceTest {

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

        assertThat(controllerEndpoints).isNotEmpty();
        for (String endpoint : controllerEndpoints) {
            String[] parts = endpoint.split(" ");
            JsonNode operation = document.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
            assertThat(operation.isMissingNode()).as("documented: " + endpoint).isFalse();
            assertThat(operation.path("security").toString()).as(endpoint).contains("bearer-jwt");
            assertThat(operation.path("responses").has("400")).as(endpoint).isTrue();
            assertThat(operation.path("responses").has("401")).as(endpoint).isTrue();
            assertThat(operation.path("responses").has("403")).as(endpoint).isTrue();
            // ledger rules (422) judge commands; reads (the audit API, the reconciliation) have none
            assertThat(operation.path("responses").has("422") || parts[1].equals("/api/v1/accounts")
                    || parts[0].equals("GET")).as(endpoint).isTrue();
        }
        for (String audit : java.util.List.of("/api/v1/audit/events", "/api/v1/audit/accounts/{id}/events",
                "/api/v1/audit/transfers/{id}/events", "/api/v1/audit/accounts/{id}/balance")) {
            assertThat(document.path("paths").path(audit).path("get").isMissingNode()).as(audit).isFalse();
        }
        assertThat(document.path("paths").path("/api/v1/audit/events").path("get").path("responses").path("200")
                .path("content").has("application/x-ndjson")).isTrue();
        JsonNode batch = document.path("paths").path("/api/v1/transfers/batch").path("post");
        assertThat(batch.path("responses").has("409")).isTrue();
        assertThat(document.path("components").path("schemas").path("BatchRequest").path("properties")
                .path("transfers").path("maxItems").asInt()).isEqualTo(1_000);
        JsonNode batchItem = document.path("components").path("schemas").path("BatchItemRequest").path("properties");
        assertThat(batchItem.path("pending").path("type").asText()).isEqualTo("boolean");
        assertThat(batchItem.path("timeoutSeconds").path("maximum").asLong()).isEqualTo(2_592_000);
        assertThat(batch.path("summary").asText()).contains("pending");
        JsonNode reconciliation = document.path("paths").path("/api/v1/audit/reconciliation").path("get");
        assertThat(reconciliation.path("responses").has("503")).isTrue();
        assertThat(document.path("components").path("schemas").path("ReconciliationReport").path("properties")
                .fieldNames()).toIterable().contains("checkedAt", "accounts", "matched", "lagging", "missing",
                        "differences");
        assertThat(document.path("components").path("securitySchemes").has("bearer-jwt")).isTrue();
        for (String chain : new String[]{"verify", "head", "anchors"}) {
            assertThat(document.path("paths").path("/api/v1/audit/chain/" + chain).path("get").path("responses")
                    .path("200").path("content").path("application/json").path("schema").isMissingNode())
                    .as("the answer of chain/" + chain + " is described").isFalse();
        }
        assertThat(document.path("components").path("schemas").path("ChainVerification").path("properties").has("firstBrokenPosition"))
                .isTrue();
        assertThat(document.path("components").path("schemas").path("TransferRequest").path("properties")
                .path("amount").path("example").asLong()).isEqualTo(2500);
    }

    @Test
    void every_command_documents_its_consistency_token_and_a_creation_its_location() {
        JsonNode document = anonymous.get("/v3/api-docs").json();
        JsonNode transfer = document.path("paths").path("/api/v1/transfers").path("post").path("responses");
        JsonNode freeze = document.path("paths").path("/api/v1/accounts/{accountId}/freeze").path("post")
                .path("responses");

        assertThat(transfer.path("201").path("headers").has("X-Consistency-Token")).isTrue();
        assertThat(transfer.path("201").path("headers").has("Location")).isTrue();
        assertThat(transfer.path("422").path("headers").has("X-Consistency-Token")).isTrue();
        assertThat(freeze.path("200").path("headers").has("X-Consistency-Token")).isTrue();
        assertThat(freeze.path("422").path("headers").has("X-Consistency-Token")).as("a refused action records nothing")
                .isFalse();
        assertThat(freeze.path("412").path("headers").has("ETag")).isTrue();
        assertThat(document.path("paths").path("/api/v1/transfers/batch").path("post").path("responses").path("201")
                .path("headers").has("Location")).as("a batch creates many").isFalse();
        assertThat(transfer.path("429").path("headers").has("Retry-After")).isTrue();
        assertThat(document.path("paths").path("/api/v1/audit/events").path("get").path("responses").path("200")
                .path("headers").has("X-Consistency-Token")).as("reads carry no token").isFalse();
        JsonNode transferFields = document.path("components").path("schemas").path("TransferRepresentation")
                .path("properties");
        assertThat(transferFields.path("reference").path("type").toString()).contains("null");
        assertThat(transferFields.path("amount").path("type").toString()).doesNotContain("null");
        assertThat(document.path("components").path("schemas").path("Problem").path("properties").has("fields"))
                .isTrue();
        assertThat(transfer.has("404")).as("POST /transfers has no account in its path").isFalse();
        assertThat(transfer.path("422").path("description").asText()).contains("ACCOUNT_NOT_FOUND", "SAME_ACCOUNT",
                "AMOUNT_OVERFLOW");
        assertThat(transfer.path("400").path("description").asText()).contains("INVALID_AMOUNT");
        assertThat(document.path("paths").path("/api/v1/accounts/{accountId}/deposits").path("post")
                .path("responses").has("404")).isTrue();
    }
}
