package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.servicekit.consistency.ConsistencyToken;
import io.ledgerflow.servicekit.consistency.ConsistencyTokens;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client learns about another owner's account is exactly what it learns about an account that does not exist. */
class NoExistenceLeakTest extends CommandServiceTest {

    @Autowired
    ConsistencyTokens tokens;

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

    @Test
    void the_consistency_token_of_a_refusal_names_only_what_was_written_so_it_reads_alike_for_both() {
        String t1 = unique("t");
        String t2 = unique("t");

        Map<String, Long> foreign = streamsOf(transfer(t1, bobs, alices, 10, "EUR"));
        Map<String, Long> missing = streamsOf(transfer(t2, unique("nobody"), alices, 10, "EUR"));

        assertThat(foreign).containsExactly(Map.entry("transfer/" + t1, 0L));
        assertThat(missing).containsExactly(Map.entry("transfer/" + t2, 0L));
    }

    @Test
    void answers_that_change_nothing_about_another_owners_resources_carry_no_consistency_token() {
        String bobsOther = unique("bobs");
        bob.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"EUR\"}".formatted(bobsOther));
        String pending = unique("p");
        assertThat(bob.post("/api/v1/transfers", ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":"
                + "\"%s\",\"amount\":5,\"currency\":\"EUR\",\"pending\":true}").formatted(pending, bobs, bobsOther))
                .status()).isEqualTo(201);

        Api.Response voided = voidPending(pending);
        Api.Response opened = api.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(bobs));

        assertThat(voided.status()).isEqualTo(404);
        assertThat(opened.status()).isEqualTo(409);
        assertThat(voided.header(ConsistencyToken.HEADER)).isNull();
        assertThat(opened.header(ConsistencyToken.HEADER)).isNull();
    }

    private Map<String, Long> streamsOf(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        return tokens.read(response.header(ConsistencyToken.HEADER)).orElseThrow().streams();
    }

    private static String normalized(Api.Response response, String transferId, String accountId) {
        return response.status() + " " + response.body().replace(transferId, "<transfer>").replace(accountId, "<account>");
    }
}
