package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client learns about another owner's account is exactly what it learns about an account that does not exist. */
class NoExistenceLeakTest extends CommandServiceTest {

    private Api bob;
    private String alices;
    private String bobs;

    @BeforeEach
    void accounts() {
        bob = anonymous.as(tokenFor("bob"));
        alices = openAccount("USD");
        deposit(alices, unique("dep"), 1_000);
        bobs = unique("bobs");
        assertThat(bob.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"EUR\"}".formatted(bobs)).status())
                .isEqualTo(201);
        deposit(bobs, unique("dep"), 1_000);
    }

    @Test
    void debiting_another_owners_account_answers_exactly_as_an_unknown_account_first_time_and_on_retry() {
        String unknown = unique("nobody");
        String t1 = unique("t");
        String t2 = unique("t");

        String foreign = normalized(transfer(t1, bobs, alices, 10, "EUR"), t1, bobs);
        String missing = normalized(transfer(t2, unknown, alices, 10, "EUR"), t2, unknown);
        String foreignAgain = normalized(transfer(t1, bobs, alices, 10, "EUR"), t1, bobs);
        String missingAgain = normalized(transfer(t2, unknown, alices, 10, "EUR"), t2, unknown);

        assertThat(foreign).isEqualTo(missing).contains("\"firstAttempt\":true", "ACCOUNT_NOT_FOUND");
        assertThat(foreignAgain).isEqualTo(missingAgain).contains("\"firstAttempt\":false");
        assertThat(posted(bobs)).isEqualTo(1_000);
    }

    @Test
    void currency_mismatch_does_not_reveal_the_other_owners_currency() {
        Api.Response mismatch = transfer(unique("t"), alices, bobs, 10, "USD");

        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.code()).isEqualTo("CURRENCY_MISMATCH");
        assertThat(mismatch.body()).doesNotContain("EUR");
    }

    @Test
    void opening_another_owners_id_says_only_that_the_id_is_taken() {
        Api.Response open = api.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(bobs));

        assertThat(open.status()).isEqualTo(409);
        assertThat(open.code()).isEqualTo("ID_EXISTS_WITH_DIFFERENT_FIELDS");
        assertThat(open.json().get("fields").toString()).isEqualTo("[\"id\"]");
        assertThat(open.body()).doesNotContain("ownerId", "currency", "EUR", "bob\"");
    }

    @Test
    void an_operator_still_learns_which_fields_differ() {
        Api.Response open = anonymous.as(tokenFor("operator")).post("/api/v1/accounts",
                "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}".formatted(bobs));

        assertThat(open.status()).isEqualTo(409);
        assertThat(open.json().get("fields").toString()).isEqualTo("[\"ownerId\",\"currency\"]");
    }

    private static String normalized(Api.Response response, String transferId, String accountId) {
        return response.status() + " " + response.body().replace(transferId, "<transfer>").replace(accountId, "<account>");
    }
}
