package io.ledgerflow.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A rejected transfer id stays rejected: a retry with other fields is not a new attempt but ID_ALREADY_FAILED. */
class TransferIdAlreadyFailedApiTest extends CommandServiceTest {

    private String a;
    private String b;
    private String id;

    /** {@code id} was refused with INSUFFICIENT_FUNDS (101 asked, 100 there). */
    @BeforeEach
    void rejectedTransfer() {
        a = openAccount("USD");
        b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        id = unique("t");
        assertThat(transfer(id, a, b, 101, "USD").code()).isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    void post_fails_with_409_id_already_failed_when_a_rejected_id_is_retried_with_another_amount() {
        long events = storedEvents();

        Api.Response retried = transfer(id, a, b, 50, "USD");

        assertThat(retried.status()).isEqualTo(409);
        assertThat(retried.contentType()).startsWith("application/problem+json");
        assertThat(retried.code()).isEqualTo("ID_ALREADY_FAILED");
        assertThat(retried.json().get("fields").toString()).isEqualTo("[\"amount\"]");
        assertThat(retried.json().get("rejectionCode").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(posted(a)).isEqualTo(100);
        assertThat(posted(b)).isZero();
    }

    @Test
    void post_fails_with_409_id_already_failed_even_when_the_other_fields_would_now_pass() {
        deposit(a, unique("dep"), 1_000);

        Api.Response retried = transfer(id, a, b, 100, "USD");
        Api.Response sameAgain = transfer(id, a, b, 101, "USD");

        assertThat(retried.status()).isEqualTo(409);
        assertThat(retried.code()).isEqualTo("ID_ALREADY_FAILED");
        assertThat(sameAgain.status()).isEqualTo(422);
        assertThat(sameAgain.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(sameAgain.json().get("firstAttempt").asBoolean()).isFalse();
        assertThat(posted(a)).isEqualTo(1_100);
        assertThat(posted(b)).isZero();
    }

    @Test
    void deposit_fails_with_409_id_already_failed_naming_the_kind_when_it_reuses_a_rejected_transfer_id() {
        Api.Response deposit = deposit(a, id, 101);

        assertThat(deposit.status()).isEqualTo(409);
        assertThat(deposit.code()).isEqualTo("ID_ALREADY_FAILED");
        assertThat(deposit.json().get("fields").toString()).contains("\"kind\"");
        assertThat(deposit.json().get("rejectionCode").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(posted(a)).isEqualTo(100);
    }

    @Test
    void another_client_reusing_the_rejected_id_learns_only_that_the_id_is_taken() {
        Api bob = anonymous.as(tokenFor("bob"));

        Api.Response taken = bob.post("/api/v1/transfers", ("{\"id\":\"%s\",\"debitAccountId\":\"x\","
                + "\"creditAccountId\":\"y\",\"amount\":5,\"currency\":\"EUR\"}").formatted(id));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("ID_EXISTS_WITH_DIFFERENT_FIELDS");
        assertThat(taken.json().get("fields").toString()).isEqualTo("[\"id\"]");
        assertThat(taken.body()).doesNotContain("rejectionCode", "INSUFFICIENT_FUNDS", a);
    }

    @Test
    void the_transfer_endpoints_document_id_already_failed_as_a_409() {
        JsonNode paths = anonymous.get("/v3/api-docs").json().path("paths");

        for (String path : List.of("/api/v1/transfers", "/api/v1/accounts/{accountId}/deposits",
                "/api/v1/accounts/{accountId}/withdrawals")) {
            assertThat(paths.path(path).path("post").path("responses").path("409").path("description").asText())
                    .as(path).contains("ID_ALREADY_FAILED", "ID_EXISTS_WITH_DIFFERENT_FIELDS");
        }
    }
}
