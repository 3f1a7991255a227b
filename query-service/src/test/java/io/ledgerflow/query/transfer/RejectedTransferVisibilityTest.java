package io.ledgerflow.query.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Anyone may name any accounts in a transfer, and a refused one is recorded so that its id stays rejected. So a
 * client reads a rejected transfer only if it attempted it, not because it owns one of the accounts named; posted
 * and pending transfers are read from either side as before, and viewers and operators read everything. The events
 * travel through the real topic, the principal in the CloudEvent's {@code principal} attribute.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:generous-rate-limits.properties")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RejectedTransferVisibilityTest {

    private static final String ALICE_ACCOUNT = "alice-acc";
    private static final String CAROL_ACCOUNT = "carol-acc";
    private static final String MALLORY_ACCOUNT = "mallory-acc";
    private static final String DEPOSIT = "d-alice";
    private static final String ALICE_TO_CAROL = "t-alice-carol";
    /** Mallory's attempt to move alice's money to carol: ACCOUNT_NOT_FOUND. */
    private static final String MALLORY_ON_ALICE = "t-mallory-on-alice";
    /** Alice's own attempt, beyond her balance. */
    private static final String ALICE_REJECTED = "t-alice-broke";
    /** Mallory's attempt from her own account to carol's, beyond her balance. */
    private static final String MALLORY_TO_CAROL = "t-mallory-carol";
    /** Alice's hold for carol, the last transfer. */
    private static final String HOLD = "p-alice-carol";

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);
    private static boolean published;

    @LocalServerPort
    int port;

    private Api viewer;
    private Api alice;
    private Api carol;
    private Api mallory;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
        QueryServiceProperties.registerAuthorizationServer(registry);
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    @BeforeEach
    void theAttemptsAreProjected() {
        viewer = as(AuthorizationServer.shared().token("viewer"));
        alice = as(AuthorizationServer.shared().token("alice"));
        carol = as(AuthorizationServer.shared().mintFor("carol", "client"));
        mallory = as(AuthorizationServer.shared().mintFor("mallory", "client"));
        synchronized (RejectedTransferVisibilityTest.class) {
            if (!published) {
                LedgerStream stream = new LedgerStream();
                stream.by("alice").open(ALICE_ACCOUNT, "alice", "USD");
                stream.by("carol").open(CAROL_ACCOUNT, "carol", "USD");
                stream.by("mallory").open(MALLORY_ACCOUNT, "mallory", "USD");
                stream.by("operator").deposit(DEPOSIT, ALICE_ACCOUNT, 1_000);
                stream.by("alice").transfer(ALICE_TO_CAROL, ALICE_ACCOUNT, CAROL_ACCOUNT, 100);
                stream.by("mallory").reject(MALLORY_ON_ALICE, ALICE_ACCOUNT, CAROL_ACCOUNT, 500, "ACCOUNT_NOT_FOUND");
                stream.by("alice").reject(ALICE_REJECTED, ALICE_ACCOUNT, CAROL_ACCOUNT, 99_999, "INSUFFICIENT_FUNDS");
                stream.by("mallory").reject(MALLORY_TO_CAROL, MALLORY_ACCOUNT, CAROL_ACCOUNT, 5, "INSUFFICIENT_FUNDS");
                stream.by("alice").hold(HOLD, ALICE_ACCOUNT, CAROL_ACCOUNT, 50, null);
                LEDGER.publish(stream.all());
                published = true;
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ids(viewer, "/api/v1/transfers")).containsExactly(HOLD, MALLORY_TO_CAROL, ALICE_REJECTED,
                    MALLORY_ON_ALICE, ALICE_TO_CAROL, DEPOSIT);
            assertThat(viewer.get("/api/v1/accounts/" + ALICE_ACCOUNT).json().path("version").asLong()).isEqualTo(4);
            assertThat(viewer.get("/api/v1/accounts/" + CAROL_ACCOUNT).json().path("version").asLong()).isEqualTo(3);
        });
    }

    @Test
    void another_clients_rejected_attempt_is_not_found_by_the_owners_of_the_accounts_it_names() {
        for (Api owner : List.of(alice, carol)) {
            Api.Response hidden = owner.get(transferPath(MALLORY_ON_ALICE));
            Api.Response missing = owner.get(transferPath("no-such-transfer"));

            assertThat(hidden.status()).as(hidden.toString()).isEqualTo(404);
            assertThat(hidden.code()).isEqualTo("TRANSFER_NOT_FOUND");
            assertThat(hidden.body().replace(MALLORY_ON_ALICE, "ID"))
                    .isEqualTo(missing.body().replace("no-such-transfer", "ID"));
            assertThat(owner.with("If-None-Match", "\"1\"").get(transferPath(MALLORY_ON_ALICE)).status())
                    .isEqualTo(404);
        }
        assertThat(carol.get(transferPath(MALLORY_TO_CAROL)).status()).as("from mallory's own account")
                .isEqualTo(404);
        assertThat(carol.get(transferPath(ALICE_REJECTED)).status()).as("alice's own attempt").isEqualTo(404);
    }

    @Test
    void another_clients_rejected_attempt_is_in_no_list_of_the_owners_of_the_accounts_it_names() {
        List<String> alices = List.of(HOLD, ALICE_REJECTED, ALICE_TO_CAROL, DEPOSIT);
        assertThat(ids(alice, "/api/v1/transfers")).containsExactlyElementsOf(alices);
        assertThat(ids(alice, "/api/v1/transfers?accountId=" + ALICE_ACCOUNT)).containsExactlyElementsOf(alices);
        assertThat(ids(alice, "/api/v1/transfers?status=REJECTED")).containsExactly(ALICE_REJECTED);
        assertThat(walk(alice, "/api/v1/transfers?limit=1")).containsExactlyElementsOf(alices);

        assertThat(ids(carol, "/api/v1/transfers")).containsExactly(HOLD, ALICE_TO_CAROL);
        assertThat(ids(carol, "/api/v1/transfers?accountId=" + CAROL_ACCOUNT + "&status=REJECTED")).isEmpty();
        assertThat(walk(carol, "/api/v1/transfers?accountId=" + CAROL_ACCOUNT + "&limit=1"))
                .containsExactly(HOLD, ALICE_TO_CAROL);
    }

    @Test
    void the_client_that_attempted_a_rejected_transfer_reads_it_by_id_and_in_its_list() {
        Api.Response attempt = mallory.get(transferPath(MALLORY_ON_ALICE));

        assertThat(attempt.status()).as(attempt.toString()).isEqualTo(200);
        assertThat(attempt.json().path("status").asText()).isEqualTo("REJECTED");
        assertThat(attempt.json().path("rejectionCode").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(mallory.get(transferPath(MALLORY_TO_CAROL)).status()).isEqualTo(200);
        assertThat(walk(mallory, "/api/v1/transfers?limit=1")).containsExactly(MALLORY_TO_CAROL, MALLORY_ON_ALICE);
        assertThat(ids(mallory, "/api/v1/transfers?accountId=" + MALLORY_ACCOUNT)).containsExactly(MALLORY_TO_CAROL);
        assertThat(mallory.get("/api/v1/transfers?accountId=" + ALICE_ACCOUNT).status()).as("still not hers")
                .isEqualTo(404);
        assertThat(mallory.get(transferPath(ALICE_TO_CAROL)).status()).isEqualTo(404);
        assertThat(mallory.get(transferPath(ALICE_REJECTED)).status()).isEqualTo(404);
    }

    @Test
    void viewers_and_operators_read_every_rejected_transfer() {
        for (Api reader : List.of(viewer, as(AuthorizationServer.shared().token("operator")))) {
            for (String rejected : List.of(MALLORY_ON_ALICE, ALICE_REJECTED, MALLORY_TO_CAROL)) {
                assertThat(reader.get(transferPath(rejected)).status()).as(rejected).isEqualTo(200);
            }
            assertThat(ids(reader, "/api/v1/transfers?status=REJECTED"))
                    .containsExactly(MALLORY_TO_CAROL, ALICE_REJECTED, MALLORY_ON_ALICE);
            assertThat(ids(reader, "/api/v1/transfers?accountId=" + CAROL_ACCOUNT))
                    .containsExactly(HOLD, MALLORY_TO_CAROL, ALICE_REJECTED, MALLORY_ON_ALICE, ALICE_TO_CAROL);
        }
    }

    @Test
    void a_clients_own_rejected_transfer_stays_visible_to_it() {
        Api.Response own = alice.get(transferPath(ALICE_REJECTED));

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("rejectionCode").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(ids(alice, "/api/v1/transfers?accountId=" + ALICE_ACCOUNT + "&status=REJECTED"))
                .containsExactly(ALICE_REJECTED);
    }

    @Test
    void posted_and_pending_transfers_are_read_by_the_owners_of_both_sides() {
        for (Api owner : List.of(alice, carol)) {
            assertThat(owner.get(transferPath(ALICE_TO_CAROL)).status()).isEqualTo(200);
            assertThat(owner.get(transferPath(HOLD)).status()).isEqualTo(200);
        }
        assertThat(mallory.get(transferPath(HOLD)).status()).isEqualTo(404);
    }

    @Test
    void a_rejected_transfer_writes_no_entry_and_its_creator_is_not_in_its_representation() {
        assertThat(entryTransfers(ALICE_ACCOUNT)).containsExactly(ALICE_TO_CAROL, DEPOSIT);
        assertThat(entryTransfers(CAROL_ACCOUNT)).containsExactly(ALICE_TO_CAROL);
        assertThat(entryTransfers(MALLORY_ACCOUNT)).isEmpty();

        JsonNode rejected = viewer.get(transferPath(MALLORY_ON_ALICE)).json();
        List<String> fields = new ArrayList<>();
        rejected.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "debitAccountId", "creditAccountId", "amount", "currency", "status",
                "postedAmount", "pending", "timeoutSeconds", "reference", "rejectionCode", "createdAt", "resolvedAt",
                "metadata");
        assertThat(rejected.toString().replace(MALLORY_ON_ALICE, "ID")).doesNotContain("mallory");
    }

    private Api as(String token) {
        return new Api("http://localhost:" + port).as(token);
    }

    private List<String> entryTransfers(String accountId) {
        Api.Response entries = viewer.get("/api/v1/accounts/" + accountId + "/entries");
        assertThat(entries.status()).as(entries.toString()).isEqualTo(200);
        return entries.json().path("items").findValuesAsText("transferId");
    }

    /** Every page from the first, following the cursors; no page is empty. */
    private static List<String> walk(Api caller, String firstPage) {
        List<String> ids = new ArrayList<>();
        String path = firstPage;
        for (int pages = 0; path != null && pages < 20; pages++) {
            Api.Response page = caller.get(path);
            List<String> items = ids(page);
            assertThat(items).as("page " + pages + " of " + firstPage).isNotEmpty();
            ids.addAll(items);
            JsonNode next = page.json().path("nextCursor");
            path = next.isNull() ? null : firstPage + "&cursor=" + next.asText();
        }
        return ids;
    }

    private static List<String> ids(Api caller, String path) {
        return ids(caller.get(path));
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("items").findValuesAsText("id");
    }

    private static String transferPath(String id) {
        return "/api/v1/transfers/" + id;
    }
}
