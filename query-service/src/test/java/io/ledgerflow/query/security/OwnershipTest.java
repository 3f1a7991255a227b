package io.ledgerflow.query.security;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT_VERSION;
import static io.ledgerflow.query.support.LedgerFixture.ALICE_TO_BOB;
import static io.ledgerflow.query.support.LedgerFixture.BOB_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.BOB_TO_CAROL;
import static io.ledgerflow.query.support.LedgerFixture.CAROL_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.DEPOSIT_TO_ALICE;
import static io.ledgerflow.query.support.LedgerFixture.REJECTED_CAROL_TO_ALICE;
import static io.ledgerflow.query.support.LedgerFixture.SETTLEMENT_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.WITHDRAWAL_BY_CAROL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client reads only its own accounts, their entries and transfers, and cannot tell someone else's from one that
 * does not exist; viewers and operators read everything, the settlement accounts included.
 */
class OwnershipTest extends QueryServiceTest {

    private static final List<String> ALL_ACCOUNTS =
            List.of(ALICE_ACCOUNT, BOB_ACCOUNT, CAROL_ACCOUNT, SETTLEMENT_ACCOUNT);
    private static final List<String> ALL_TRANSFERS =
            List.of(DEPOSIT_TO_ALICE, ALICE_TO_BOB, BOB_TO_CAROL, REJECTED_CAROL_TO_ALICE, WITHDRAWAL_BY_CAROL);

    private Api alice;
    private Api bob;

    @BeforeEach
    void clients() {
        alice = as("alice");
        bob = as("bob");
    }

    @Test
    void a_client_reads_its_own_account_and_statement() {
        Api.Response account = alice.get(accountPath(ALICE_ACCOUNT));
        Api.Response entries = alice.get(accountPath(ALICE_ACCOUNT) + "/entries");

        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json().get("ownerId").asText()).isEqualTo("alice");
        assertThat(entries.status()).isEqualTo(200);
        assertThat(entries.json().get("items")).hasSize(2);
    }

    @Test
    void another_owners_account_and_statement_are_not_found() {
        assertNotFound(bob.get(accountPath(ALICE_ACCOUNT)), "ACCOUNT_NOT_FOUND");
        assertNotFound(bob.get(accountPath(ALICE_ACCOUNT) + "/entries"), "ACCOUNT_NOT_FOUND");
        assertNotFound(bob.get(accountPath(ALICE_ACCOUNT) + "/entries?order=asc&limit=1"), "ACCOUNT_NOT_FOUND");
    }

    @Test
    void someone_elses_account_looks_exactly_like_one_that_does_not_exist() {
        Api.Response hidden = bob.get(accountPath(ALICE_ACCOUNT));
        Api.Response missing = bob.get(accountPath("no-such-account"));

        assertThat(hidden.status()).isEqualTo(missing.status());
        assertThat(hidden.body().replace(ALICE_ACCOUNT, "ID"))
                .isEqualTo(missing.body().replace("no-such-account", "ID"));
        assertThat(hidden.header("ETag")).isNull();
    }

    @Test
    void a_conditional_request_reveals_nothing_about_someone_elses_account() {
        Api.Response guessed = bob.with("If-None-Match", "\"" + ALICE_ACCOUNT_VERSION + "\"")
                .get(accountPath(ALICE_ACCOUNT));

        assertNotFound(guessed, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void a_client_sees_the_transfers_of_its_accounts_on_either_side() {
        Api.Response deposit = alice.get(transferPath(DEPOSIT_TO_ALICE));

        assertThat(deposit.status()).as("credit side").isEqualTo(200);
        assertThat(deposit.header("Cache-Control")).isEqualTo("no-store");
        assertThat(alice.get(transferPath(ALICE_TO_BOB)).status()).as("debit side").isEqualTo(200);
        assertThat(bob.get(transferPath(ALICE_TO_BOB)).status()).as("the other party").isEqualTo(200);
        assertThat(bob.get(transferPath(BOB_TO_CAROL)).status()).isEqualTo(200);
    }

    @Test
    void a_client_does_not_see_transfers_between_others() {
        assertNotFound(alice.get(transferPath(BOB_TO_CAROL)), "TRANSFER_NOT_FOUND");
        assertNotFound(alice.get(transferPath(WITHDRAWAL_BY_CAROL)), "TRANSFER_NOT_FOUND");
        assertNotFound(bob.get(transferPath(DEPOSIT_TO_ALICE)), "TRANSFER_NOT_FOUND");
        assertNotFound(bob.get(transferPath(REJECTED_CAROL_TO_ALICE)), "TRANSFER_NOT_FOUND");
    }

    @Test
    void a_rejected_transfer_is_read_by_the_client_that_attempted_it_not_by_the_other_side() {
        Api carol = anonymous.as(AuthorizationServer.shared().mintFor("carol", "client"));

        assertThat(carol.get(transferPath(REJECTED_CAROL_TO_ALICE)).status()).as("its creator, debit side")
                .isEqualTo(200);
        assertNotFound(alice.get(transferPath(REJECTED_CAROL_TO_ALICE)), "TRANSFER_NOT_FOUND");
    }

    @Test
    void the_settlement_account_is_not_a_clients_even_when_its_subject_is_called_system() {
        String system = AuthorizationServer.shared().mintFor("system", "client");

        for (Api client : List.of(alice, anonymous.as(system))) {
            assertNotFound(client.get(accountPath(SETTLEMENT_ACCOUNT)), "ACCOUNT_NOT_FOUND");
            assertNotFound(client.get(accountPath(SETTLEMENT_ACCOUNT) + "/entries"), "ACCOUNT_NOT_FOUND");
        }
        assertNotFound(anonymous.as(system).get(transferPath(WITHDRAWAL_BY_CAROL)), "TRANSFER_NOT_FOUND");
    }

    @Test
    void viewers_and_operators_read_everything() {
        for (Api reader : List.of(as("viewer"), as("operator"))) {
            for (String account : ALL_ACCOUNTS) {
                assertThat(reader.get(accountPath(account)).status()).as(account).isEqualTo(200);
                assertThat(reader.get(accountPath(account) + "/entries").status()).as(account).isEqualTo(200);
            }
            for (String transfer : ALL_TRANSFERS) {
                assertThat(reader.get(transferPath(transfer)).status()).as(transfer).isEqualTo(200);
            }
        }
    }

    @Test
    void the_owner_gets_etag_304_and_no_store_with_a_token() {
        Api.Response first = alice.get(accountPath(ALICE_ACCOUNT));
        Api.Response again = alice.with("If-None-Match", first.header("ETag")).get(accountPath(ALICE_ACCOUNT));

        assertThat(first.header("ETag")).isEqualTo("\"" + ALICE_ACCOUNT_VERSION + "\"");
        assertThat(first.header("Cache-Control")).isEqualTo("no-store");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Cache-Control")).isEqualTo("no-store");
        assertThat(again.body()).isEmpty();
    }

    private static void assertNotFound(Api.Response response, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.json().toString()).doesNotContain("ownerId", "posted", "debitAccountId", "amount");
    }

    private static String accountPath(String id) {
        return "/api/v1/accounts/" + encoded(id);
    }

    private static String transferPath(String id) {
        return "/api/v1/transfers/" + encoded(id);
    }

    private static String encoded(String id) {
        return id.replace("@", "%40").replace(":", "%3A");
    }
}
