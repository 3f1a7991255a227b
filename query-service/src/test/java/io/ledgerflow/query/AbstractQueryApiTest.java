package io.ledgerflow.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.JsonApi;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.ledgerflow.query.support.JsonApi.assertProblem;
import static io.ledgerflow.query.support.JsonApi.fieldNames;
import static io.ledgerflow.query.support.JsonApi.list;
import static io.ledgerflow.query.support.JsonApi.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read API against a running application that projects a real Kafka topic into a real MongoDB wire server.
 * Subclasses choose the infrastructure. The history is published once per class. Calls carry a viewer's token
 * (who may read everything) from the real authorization server; who may read what is the security tests' part.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:generous-rate-limits.properties")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class AbstractQueryApiTest {

    private static final Map<Class<?>, List<EventEnvelope>> PUBLISHED = new ConcurrentHashMap<>();

    @Autowired
    TestRestTemplate http;

    JsonApi anonymous;
    JsonApi api;
    List<EventEnvelope> history;

    protected abstract LedgerTopicClient ledger();

    @BeforeEach
    void publishTheHistoryOnce() {
        anonymous = new JsonApi(http);
        api = anonymous.as(AuthorizationServer.shared().token("viewer"));
        history = PUBLISHED.computeIfAbsent(getClass(), type -> publish());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.json("/api/v1/accounts/acc-1").path("version").asLong()).isEqualTo(3);
            assertThat(api.json("/api/v1/accounts/acc-2").path("version").asLong()).isEqualTo(6);
            assertThat(api.json("/api/v1/transfers/t-2").path("status").asText()).isEqualTo("REJECTED");
            assertThat(api.json("/api/v1/transfers/w-4").path("status").asText()).isEqualTo("POSTED");
            assertThat(api.json("/api/v1/accounts/acc-3").path("version").asLong()).isEqualTo(5);
        });
    }

    /** acc-1 as in docs/api.md's examples (deposit 10000, transfer 2500 out: posted 7500, version 3); acc-2 has 5 entries. */
    private List<EventEnvelope> publish() {
        LedgerStream stream = new LedgerStream();
        stream.open("acc-1", "alice", "USD");
        stream.open("acc-2", "bob", "USD");
        stream.deposit("d-1", "acc-1", 10_000);
        stream.transfer("t-1", "acc-1", "acc-2", 2_500);
        stream.reject("t-2", "acc-2", "acc-1", 99_999, "INSUFFICIENT_FUNDS");
        for (int i = 1; i <= 4; i++) {
            stream.withdraw("w-" + i, "acc-2", 100);
        }
        stream.open("acc-3", "carol", "USD");
        stream.deposit("d-3", "acc-3", 300);
        stream.changeOverdraftLimit("acc-3", 200);
        stream.withdraw("w-5", "acc-3", 400);
        stream.freeze("acc-3");
        ledger().publish(stream.all());
        return stream.all();
    }

    @Test
    void accountHasTheContractRepresentation() {
        ResponseEntity<String> response = api.get("/api/v1/accounts/acc-1");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getHeaders().getETag()).isEqualTo("\"3\"");
        assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
        JsonNode account = parse(response);
        assertThat(fieldNames(account)).containsExactly("id", "ownerId", "currency", "code", "status",
                "overdraftLimit", "posted", "pendingDebits", "pendingCredits", "available", "version", "metadata",
                "openedAt", "updatedAt");
        assertThat(account.toString()).isEqualTo("{\"id\":\"acc-1\",\"ownerId\":\"alice\",\"currency\":\"USD\","
                + "\"code\":null,\"status\":\"OPEN\",\"overdraftLimit\":0,\"posted\":7500,\"pendingDebits\":0,"
                + "\"pendingCredits\":0,\"available\":7500,\"version\":3,\"metadata\":{},"
                + "\"openedAt\":\"2026-11-29T10:00:01Z\",\"updatedAt\":\"" + timeOf("t-1", "AccountDebited") + "\"}");
    }

    @Test
    void accountShowsItsStatusOverdraftLimitAndAvailable() {
        JsonNode account = api.json("/api/v1/accounts/acc-3");

        assertThat(account.path("status").asText()).isEqualTo("FROZEN");
        assertThat(account.path("overdraftLimit").asLong()).isEqualTo(200);
        assertThat(account.path("posted").asLong()).isEqualTo(-100);
        assertThat(account.path("available").asLong()).isEqualTo(100);
        assertThat(account.path("version").asLong()).isEqualTo(5);
    }

    @Test
    void aMatchingIfNoneMatchAnswersNotModified() {
        HttpHeaders headers = new HttpHeaders();
        headers.setIfNoneMatch("\"3\"");
        ResponseEntity<String> notModified = api.get("/api/v1/accounts/acc-1", headers);
        headers.setIfNoneMatch("\"2\"");
        ResponseEntity<String> stale = api.get("/api/v1/accounts/acc-1", headers);

        assertThat(notModified.getStatusCode().value()).isEqualTo(304);
        assertThat(notModified.getHeaders().getETag()).isEqualTo("\"3\"");
        assertThat(notModified.getHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(notModified.getBody()).isNull();
        assertThat(stale.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void statementListsPostingsNewestFirstWithBalanceAfter() {
        ResponseEntity<String> response = api.get("/api/v1/accounts/acc-2/entries");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
        JsonNode page = parse(response);
        assertThat(fieldNames(page)).containsExactly("items", "nextCursor");
        assertThat(page.get("nextCursor").isNull()).isTrue();
        List<JsonNode> items = list(page.get("items"));
        assertThat(items).extracting(item -> item.get("balanceAfter").asLong())
                .containsExactly(2_100L, 2_200L, 2_300L, 2_400L, 2_500L);
        assertThat(positions(items)).isSortedAccordingTo(Comparator.reverseOrder());
        JsonNode credit = items.get(4);
        assertThat(fieldNames(credit)).containsExactly("accountId", "transferId", "kind", "amount", "balanceAfter",
                "pending", "at", "position");
        assertThat(credit.toString()).isEqualTo("{\"accountId\":\"acc-2\",\"transferId\":\"t-1\",\"kind\":\"CREDIT\","
                + "\"amount\":2500,\"balanceAfter\":2500,\"pending\":false,\"at\":\""
                + timeOf("t-1", "AccountCredited") + "\",\"position\":" + positionOf("t-1", "AccountCredited") + "}");
        assertThat(items.get(0).get("kind").asText()).isEqualTo("DEBIT");
    }

    @Test
    void statementPagesFollowTheCursorInEitherOrder() {
        List<Long> descending = positions(walk("/api/v1/accounts/acc-2/entries?limit=2", 3));
        List<Long> ascending = positions(walk("/api/v1/accounts/acc-2/entries?limit=2&order=asc", 3));

        assertThat(descending).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(ascending).hasSize(5).isSorted().containsExactlyInAnyOrderElementsOf(descending);
    }

    @Test
    void statementFiltersByTimeFromInclusiveToExclusive() {
        String from = timeOf("w-1", "AccountDebited");
        String to = timeOf("w-3", "AccountDebited");

        JsonNode page = api.json("/api/v1/accounts/acc-2/entries?order=asc&from=" + from + "&to=" + to);

        assertThat(list(page.get("items"))).extracting(item -> item.get("transferId").asText())
                .containsExactly("w-1", "w-2");
    }

    @Test
    void transfersHaveTheContractRepresentation() {
        JsonNode posted = api.json("/api/v1/transfers/t-1");
        JsonNode rejected = api.json("/api/v1/transfers/t-2");

        assertThat(fieldNames(posted)).containsExactly("id", "debitAccountId", "creditAccountId", "amount", "currency",
                "status", "postedAmount", "pending", "timeoutSeconds", "reference", "rejectionCode", "createdAt",
                "resolvedAt", "metadata");
        String at = timeOf("t-1", "TransferPosted");
        assertThat(posted.toString()).isEqualTo("{\"id\":\"t-1\",\"debitAccountId\":\"acc-1\","
                + "\"creditAccountId\":\"acc-2\",\"amount\":2500,\"currency\":\"USD\",\"status\":\"POSTED\","
                + "\"postedAmount\":2500,\"pending\":false,\"timeoutSeconds\":null,\"reference\":\"ref-TRANSFER\","
                + "\"rejectionCode\":null,\"createdAt\":\"" + at + "\",\"resolvedAt\":\"" + at + "\","
                + "\"metadata\":{\"k\":\"v\"}}");
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("rejectionCode").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(rejected.get("postedAmount").asLong()).isZero();
    }

    @Test
    void unknownResourcesAnswerNotFoundProblems() {
        assertProblem(api.get("/api/v1/accounts/nobody"), 404, "ACCOUNT_NOT_FOUND");
        assertProblem(api.get("/api/v1/accounts/nobody/entries"), 404, "ACCOUNT_NOT_FOUND");
        assertProblem(api.get("/api/v1/transfers/nothing"), 404, "TRANSFER_NOT_FOUND");
        assertProblem(api.get("/api/v1/nowhere"), 404, "NOT_FOUND");
        assertProblem(api.get("/error"), 404, "NOT_FOUND");
        // the security firewall refuses an encoded slash before any lookup
        assertProblem(api.getRaw("/api/v1/accounts/acc%2F1"), 400, "VALIDATION_FAILED");
        assertProblem(api.exchange(HttpMethod.DELETE, "/api/v1/accounts/acc-1"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void malformedParametersAnswerValidationProblems() {
        for (String query : List.of("limit=0", "limit=501", "limit=many", "cursor=not-a-cursor", "order=sideways",
                "from=yesterday", "to=2026-11-31T00:00:00Z")) {
            JsonNode problem =
                    assertProblem(api.get("/api/v1/accounts/acc-1/entries?" + query), 400, "VALIDATION_FAILED");
            String field = query.substring(0, query.indexOf('='));
            assertThat(list(problem.get("errors"))).as(query).extracting(error -> error.get("field").asText())
                    .containsExactly(field);
        }
    }

    @Test
    void apiDocumentationAndHealthAreServedWithoutAToken() {
        assertThat(anonymous.json("/v3/api-docs").at("/paths").has("/api/v1/accounts/{id}/entries")).isTrue();
        JsonNode health = anonymous.json("/actuator/health");
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.has("components")).as("details are for admins").isFalse();
        assertThat(anonymous.as(AuthorizationServer.shared().token("admin")).json("/actuator/health")
                .path("components").has("mongo")).isTrue();
    }

    @Test
    void theReadApiNeedsAToken() {
        JsonNode problem = assertProblem(anonymous.get("/api/v1/accounts/acc-1"), 401, "UNAUTHORIZED");

        assertThat(problem.toString()).doesNotContain("alice", "7500");
    }

    private List<JsonNode> walk(String firstPage, int expectedPages) {
        List<JsonNode> items = new ArrayList<>();
        String next = firstPage;
        int pages = 0;
        while (next != null) {
            JsonNode page = api.json(next);
            items.addAll(list(page.get("items")));
            pages++;
            next = page.get("nextCursor").isNull() ? null : firstPage + "&cursor=" + page.get("nextCursor").asText();
        }
        assertThat(pages).isEqualTo(expectedPages);
        return items;
    }

    private String timeOf(String transferId, String eventType) {
        return envelope(transferId, eventType).time().toString();
    }

    private long positionOf(String transferId, String eventType) {
        return envelope(transferId, eventType).position();
    }

    /** The event of that type naming the transfer (its postings name it too). */
    private EventEnvelope envelope(String transferId, String eventType) {
        return history.stream()
                .filter(e -> e.event().getClass().getSimpleName().equals(eventType))
                .filter(e -> e.event().toString().contains("transferId=" + transferId + ","))
                .findFirst().orElseThrow();
    }

    private static List<Long> positions(List<JsonNode> items) {
        return items.stream().map(item -> item.get("position").asLong()).toList();
    }
}
