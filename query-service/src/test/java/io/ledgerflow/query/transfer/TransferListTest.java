package io.ledgerflow.query.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.ALICE_TO_BOB;
import static io.ledgerflow.query.support.LedgerFixture.BOB_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.BOB_TO_CAROL;
import static io.ledgerflow.query.support.LedgerFixture.DEPOSIT_TO_ALICE;
import static io.ledgerflow.query.support.LedgerFixture.REJECTED_CAROL_TO_ALICE;
import static io.ledgerflow.query.support.LedgerFixture.WITHDRAWAL_BY_CAROL;
import static org.assertj.core.api.Assertions.assertThat;

class TransferListTest extends QueryServiceTest {

    private Api viewer;
    private Api alice;

    @BeforeEach
    void callers() {
        viewer = as("viewer");
        alice = as("alice");
    }

    @Test
    void a_viewer_lists_every_transfer_newest_first() {
        assertThat(ids(viewer.get("/api/v1/transfers"))).containsExactly(WITHDRAWAL_BY_CAROL, REJECTED_CAROL_TO_ALICE,
                BOB_TO_CAROL, ALICE_TO_BOB, DEPOSIT_TO_ALICE);
    }

    @Test
    void pages_follow_their_cursors_to_the_end_without_repeating_a_transfer() {
        List<List<String>> pages = new ArrayList<>();
        String path = "/api/v1/transfers?limit=2";
        String cursor;
        do {
            Api.Response page = viewer.get(path);
            pages.add(ids(page));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            path = "/api/v1/transfers?limit=2&cursor=" + cursor;
        } while (cursor != null);

        assertThat(pages).containsExactly(List.of(WITHDRAWAL_BY_CAROL, REJECTED_CAROL_TO_ALICE),
                List.of(BOB_TO_CAROL, ALICE_TO_BOB), List.of(DEPOSIT_TO_ALICE));
    }

    @Test
    void a_client_lists_only_the_transfers_that_touch_its_accounts_but_not_others_rejected_attempts() {
        assertThat(ids(alice.get("/api/v1/transfers"))).containsExactly(ALICE_TO_BOB, DEPOSIT_TO_ALICE);
        assertThat(ids(alice.get("/api/v1/transfers?accountId=" + ALICE_ACCOUNT + "&status=REJECTED"))).isEmpty();
        assertThat(ids(alice.get("/api/v1/transfers?accountId=" + ALICE_ACCOUNT + "&status=POSTED")))
                .containsExactly(ALICE_TO_BOB, DEPOSIT_TO_ALICE);
    }

    @Test
    void another_owners_account_is_not_found_for_a_client_and_listed_for_a_viewer() {
        Api.Response hidden = alice.get("/api/v1/transfers?accountId=" + BOB_ACCOUNT);

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(ids(viewer.get("/api/v1/transfers?accountId=" + BOB_ACCOUNT)))
                .containsExactly(BOB_TO_CAROL, ALICE_TO_BOB);
    }

    @Test
    void status_and_creation_time_filter_the_list() {
        JsonNode all = viewer.get("/api/v1/transfers").json().get("items");
        String bobToCarolCreated = all.get(2).get("createdAt").asText();
        String withdrawalCreated = all.get(0).get("createdAt").asText();

        assertThat(ids(viewer.get("/api/v1/transfers?status=REJECTED"))).containsExactly(REJECTED_CAROL_TO_ALICE);
        assertThat(ids(viewer.get("/api/v1/transfers?from=" + encode(bobToCarolCreated) + "&to="
                + encode(withdrawalCreated)))).containsExactly(REJECTED_CAROL_TO_ALICE, BOB_TO_CAROL);
    }

    /** Stored times have milliseconds only; a bound with finer digits still means at-or-after and before. */
    @Test
    void a_bound_finer_than_a_millisecond_keeps_from_inclusive_and_to_exclusive() {
        JsonNode bobToCarol = viewer.get("/api/v1/transfers").json().get("items").get(2);
        Instant created = Instant.parse(bobToCarol.get("createdAt").asText());
        String justAfter = encode(created.plusNanos(1).toString());

        assertThat(ids(viewer.get("/api/v1/transfers?from=" + justAfter))).doesNotContain(BOB_TO_CAROL);
        assertThat(ids(viewer.get("/api/v1/transfers?to=" + justAfter))).contains(BOB_TO_CAROL);
        assertThat(ids(viewer.get("/api/v1/transfers?from=" + encode(created.toString())))).contains(BOB_TO_CAROL);
    }

    @Test
    void every_invalid_parameter_is_reported_at_once() {
        Api.Response invalid = viewer.get(
                "/api/v1/transfers?status=DONE&limit=0&cursor=not-ours&from=yesterday&accountId=%24ne");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(invalid.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("status", "limit", "cursor", "from", "accountId");
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("items").findValuesAsText("id");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
