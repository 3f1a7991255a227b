package io.ledgerflow.command.audit.reconciliation;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command-service tests run no query-service (CommandServiceTest points the reconciliation at a closed port):
 * the reconciliation then answers 503 with its own code, never a 500. The reconciliation itself is tested end to
 * end with both services (infra/local-stack, LocalStackEndToEndTest).
 */
class ReconciliationUnavailableTest extends CommandServiceTest {

    @Test
    void without_the_query_service_the_reconciliation_answers_503_query_service_unavailable() {
        Api.Response response = anonymous.as(tokenFor("auditor")).get("/api/v1/audit/reconciliation");

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("QUERY_SERVICE_UNAVAILABLE");
        assertThat(response.json().path("detail").asText()).contains("query-service")
                .as("no internal address, no exception message").doesNotContain("http", "localhost", "null");
    }
}
