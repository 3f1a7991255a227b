package io.ledgerflow.query.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.BOB_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.CAROL_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.SETTLEMENT_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/accounts}: the shared fixture's four accounts, read in each caller's scope. */
class AccountListApiTest extends QueryServiceTest {

    @Autowired
    ProjectionCollections collections;

    /** In {@code _id} order: '@' sorts before the letters. */
    static final List<String> ALL = List.of(SETTLEMENT_ACCOUNT, ALICE_ACCOUNT, BOB_ACCOUNT, CAROL_ACCOUNT);

    @Test
    void a_viewer_lists_every_account_in_id_order_with_the_accounts_representation() {
        Api.Response response = as("viewer").get("/api/v1/accounts");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonNode page = response.json();
        assertThat(fieldNames(page)).containsExactly("items", "nextCursor");
        assertThat(page.get("nextCursor").isNull()).isTrue();
        assertThat(ids(page)).containsExactlyElementsOf(ALL);
        JsonNode alice = page.get("items").get(1);
        assertThat(alice).isEqualTo(as("viewer").get("/api/v1/accounts/" + ALICE_ACCOUNT).json());
    }

    @Test
    void a_client_lists_only_its_own_accounts_whatever_it_filters_on() {
        assertThat(ids(as("alice").get("/api/v1/accounts").json())).containsExactly(ALICE_ACCOUNT);
        assertThat(ids(as("alice").get("/api/v1/accounts?ownerId=bob").json())).isEmpty();
        assertThat(ids(as("bob").get("/api/v1/accounts?currency=USD&status=OPEN").json())).containsExactly(BOB_ACCOUNT);
        assertThat(ids(as("operator").get("/api/v1/accounts").json())).containsExactlyElementsOf(ALL);
    }

    @Test
    void filters_narrow_the_list() {
        Api viewer = as("viewer");

        assertThat(ids(viewer.get("/api/v1/accounts?ownerId=carol").json())).containsExactly(CAROL_ACCOUNT);
        assertThat(ids(viewer.get("/api/v1/accounts?currency=USD").json())).containsExactlyElementsOf(ALL);
        assertThat(ids(viewer.get("/api/v1/accounts?currency=EUR").json())).isEmpty();
        assertThat(ids(viewer.get("/api/v1/accounts?status=OPEN&ownerId=alice").json())).containsExactly(ALICE_ACCOUNT);
        assertThat(ids(viewer.get("/api/v1/accounts?status=FROZEN").json())).isEmpty();
    }

    @Test
    void the_cursor_walks_every_account_once() {
        List<String> walked = walk(as("viewer"), "/api/v1/accounts?limit=1", 4);
        List<String> byTwo = walk(as("viewer"), "/api/v1/accounts?limit=3&currency=USD", 2);

        assertThat(walked).containsExactlyElementsOf(ALL);
        assertThat(byTwo).containsExactlyElementsOf(ALL);
    }

    /**
     * Accounts projected while a client walks the list: one behind the cursor waits for the next walk, one ahead
     * of it is listed, and none of the others is skipped or listed twice. The documents are written straight into
     * the projection (as a projected opening leaves them) and removed after, as the other tests expect four.
     */
    @Test
    void the_walk_is_stable_while_accounts_are_opened() {
        // the current generation's: another class of this context may have rebuilt the projections
        var accounts = collections.accounts();
        Api viewer = as("viewer");
        try {
            JsonNode first = viewer.get("/api/v1/accounts?limit=2").json();
            assertThat(ids(first)).containsExactly(SETTLEMENT_ACCOUNT, ALICE_ACCOUNT);
            accounts.insertOne(openedAccount("aaa-behind"));
            accounts.insertOne(openedAccount("bzz-ahead"));
            JsonNode rest = viewer.get("/api/v1/accounts?limit=500&cursor=" + first.get("nextCursor").asText()).json();

            assertThat(ids(rest)).containsExactly(BOB_ACCOUNT, "bzz-ahead", CAROL_ACCOUNT);
            assertThat(rest.get("nextCursor").isNull()).isTrue();
        } finally {
            accounts.deleteMany(new Document("_id", new Document("$in", List.of("aaa-behind", "bzz-ahead"))));
        }
    }

    @Test
    void malformed_parameters_are_refused_each_by_name() {
        Api viewer = as("viewer");
        for (String query : List.of("limit=0", "limit=501", "limit=ten", "cursor=not-a-cursor",
                "cursor=" + base64("before:x"), "currency=usd", "currency=XYZ", "currency=" + encode("{\"$gt\":\"\"}"),
                "status=open", "status=DELETED", "ownerId=" + "o".repeat(129), "ownerId=" + encode("a\u0000b"))) {
            Api.Response response = viewer.get("/api/v1/accounts?" + query);

            assertThat(response.status()).as(query + ": " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().get("errors").findValuesAsText("field"))
                    .containsExactly(query.substring(0, query.indexOf('=')));
        }
        Api.Response several = viewer.get("/api/v1/accounts?limit=0&status=x&currency=x");
        assertThat(several.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("limit", "status", "currency");
    }

    @Test
    void an_operator_as_a_filter_value_matches_nothing() {
        Api viewer = as("viewer");

        assertThat(ids(viewer.get("/api/v1/accounts?ownerId=" + encode("{\"$ne\":\"\"}")).json())).isEmpty();
        assertThat(ids(as("bob").get("/api/v1/accounts?cursor=" + base64("after:@")).json()))
                .as("a cursor moves the walk, never the scope").containsExactly(BOB_ACCOUNT);
    }

    private static List<String> walk(Api api, String firstPage, int expectedPages) {
        List<String> ids = new ArrayList<>();
        String next = firstPage;
        int pages = 0;
        while (next != null) {
            Api.Response response = api.get(next);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode page = response.json();
            ids.addAll(ids(page));
            pages++;
            next = page.get("nextCursor").isNull() ? null : firstPage + "&cursor=" + page.get("nextCursor").asText();
        }
        assertThat(pages).isEqualTo(expectedPages);
        return ids;
    }

    private static Document openedAccount(String id) {
        return new Document("_id", id).append("ownerId", "dave").append("currency", "USD").append("status", "OPEN")
                .append("overdraftLimit", 0L).append("posted", 0L).append("pendingDebits", 0L)
                .append("pendingCredits", 0L).append("version", 1L).append("openedAt", new Date());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
