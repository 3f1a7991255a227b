package io.ledgerflow.command.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.audit.AuditApiTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateEventsApiTest extends AuditApiTest {

    @Test
    void a_transfer_and_its_accounts_show_their_events_with_every_metadata_field_and_their_links() throws Exception {
        String a = openAccount("USD");
        String b = openAccount("USD");
        assertThat(deposit(a, unique("dep"), 1_000).status()).isEqualTo(201);
        String transferId = unique("t");
        String correlationId = "audit-" + UUID.randomUUID();
        Api.Response held = api.with("X-Correlation-Id", correlationId).post("/api/v1/transfers",
                ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":200,"
                        + "\"currency\":\"USD\",\"pending\":true}").formatted(transferId, a, b));
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        assertThat(postPending(transferId, 150L).status()).isEqualTo(200);

        Api.Response response = auditor().get("/api/v1/audit/transfers/" + transferId + "/events");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().has("nextCursor")).isTrue();
        assertThat(response.json().path("nextCursor").isNull()).isTrue();
        JsonNode transfer = response.json().path("items");
        assertThat(transfer.findValuesAsText("type")).containsExactly("io.ledgerflow.transfer.TransferPending.v1",
                "io.ledgerflow.transfer.TransferPendingPosted.v1");
        JsonNode pending = transfer.get(0);
        assertThat(pending.path("aggregateType").asText()).isEqualTo("transfer");
        assertThat(pending.path("aggregateId").asText()).isEqualTo(transferId);
        assertThat(pending.path("sequence").asLong()).isZero();
        assertThat(transfer.get(1).path("sequence").asLong()).isEqualTo(1);
        assertThat(pending.path("revision").asText()).isEqualTo("1");
        assertThat(pending.path("principal").asText()).isEqualTo("alice");
        assertThat(pending.path("clientId").asText()).isNotBlank();
        assertThat(pending.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(pending.path("causationId").asText()).isNotBlank().isNotEqualTo(pending.path("eventId").asText());
        assertThat(pending.path("metadata").path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(pending.path("payload").path("terms").path("amount").asLong()).isEqualTo(200);
        assertThat(transfer.get(1).path("payload").path("amount").asLong()).isEqualTo(150);
        assertThat(Instant.parse(pending.path("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(pending.path("position").asLong()).isLessThan(transfer.get(1).path("position").asLong());

        JsonNode account = history("accounts", a);
        assertThat(account.findValuesAsText("type")).containsExactly("io.ledgerflow.account.AccountOpened.v1",
                "io.ledgerflow.account.AccountCredited.v1", "io.ledgerflow.account.AccountDebitReserved.v1",
                "io.ledgerflow.account.AccountDebited.v1");
        assertThat(account.get(2).path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(account.get(3).path("payload").path("balances").path("posted").asLong()).isEqualTo(850);

        long last = account.get(3).path("position").asLong();
        awaitLinked(last);
        for (JsonNode event : history("accounts", a)) {
            assertThat(event.path("hash").asText()).isEqualTo(links.at(event.path("position").asLong()).orElseThrow());
        }
    }

    @Test
    void an_id_without_events_is_404_in_its_own_namespace() {
        String account = openAccount("USD");

        Api.Response noAccount = auditor().get("/api/v1/audit/accounts/" + unique("ghost") + "/events");
        Api.Response noTransfer = auditor().get("/api/v1/audit/transfers/" + account + "/events");

        assertThat(noAccount.status()).isEqualTo(404);
        assertThat(noAccount.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(noTransfer.status()).isEqualTo(404);
        assertThat(noTransfer.code()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(noTransfer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_malformed_id_is_400() {
        for (String id : List.of("a%20b", "%40world%3Ausd", "%40world%3AUSD%3A8", "x".repeat(65), "-leading",
                "%C3%A9")) {
            for (String kind : List.of("accounts", "transfers")) {
                Api.Response response = auditor().get("/api/v1/audit/" + kind + "/" + id + "/events");
                assertThat(response.status()).as(kind + " " + id).isEqualTo(400);
                assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
                assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("id");
            }
        }
    }

    @Test
    void a_long_history_is_served_a_page_at_a_time_and_the_pages_join_up() {
        String account = openAccount("USD");
        for (int i = 0; i < 6; i++) {
            assertThat(deposit(account, unique("dep"), 10).status()).isEqualTo(201);
        }
        String path = "/api/v1/audit/accounts/" + account + "/events";

        Api.Response first = auditor().get(path + "?limit=3");
        Api.Response second = auditor().get(path + "?limit=3&after=" + first.json().path("nextCursor").asText());
        Api.Response last = auditor().get(path + "?limit=3&after=" + second.json().path("nextCursor").asText());
        Api.Response pastTheEnd = auditor().get(path + "?after=99");
        Api.Response badLimit = auditor().get(path + "?limit=1001");

        assertThat(first.json().path("items").findValues("sequence")).extracting(JsonNode::asLong)
                .containsExactly(0L, 1L, 2L);
        assertThat(first.json().path("nextCursor").asText()).isEqualTo("2");
        assertThat(second.json().path("items").findValues("sequence")).extracting(JsonNode::asLong)
                .containsExactly(3L, 4L, 5L);
        assertThat(last.json().path("items").findValues("sequence")).extracting(JsonNode::asLong)
                .containsExactly(6L);
        assertThat(last.json().path("nextCursor").isNull()).isTrue();
        assertThat(pastTheEnd.status()).isEqualTo(200);
        assertThat(pastTheEnd.json().path("items")).isEmpty();
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().path("errors").get(0).path("field").asText()).isEqualTo("limit");
    }
}
