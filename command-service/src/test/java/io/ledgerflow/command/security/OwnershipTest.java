package io.ledgerflow.command.security;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A client acts only on what it owns, and learns nothing about what it does not; an operator acts on anything. */
class OwnershipTest extends CommandServiceTest {

    private Api bob;
    private Api operator;
    private String alices;

    @BeforeEach
    void accounts() {
        bob = anonymous.as(tokenFor("bob"));
        operator = anonymous.as(tokenFor("operator"));
        alices = openAccount("USD");
        deposit(alices, unique("dep"), 1_000);
    }

    @Test
    void a_client_opens_accounts_for_itself_only() {
        Api.Response forSomeoneElse = bob.post("/api/v1/accounts",
                "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}".formatted(unique("acc")));
        Api.Response forItself = bob.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(unique("acc")));

        assertThat(forSomeoneElse.status()).isEqualTo(403);
        assertThat(forSomeoneElse.code()).isEqualTo("FORBIDDEN");
        assertThat(forItself.status()).isEqualTo(201);
        assertThat(forItself.json().get("ownerId").asText()).isEqualTo("bob");
    }

    @Test
    void a_client_gets_403_for_deposits_and_withdrawals_whoever_owns_the_account() {
        long events = storedEvents();

        Api.Response onAlices = bob.post("/api/v1/accounts/" + alices + "/deposits", "{\"id\":\"" + unique("d") + "\",\"amount\":5}");
        Api.Response onNobodys = bob.post("/api/v1/accounts/" + unique("none") + "/deposits", "{\"id\":\"" + unique("d") + "\",\"amount\":5}");
        Api.Response withdrawal = bob.post("/api/v1/accounts/" + alices + "/withdrawals", "{\"id\":\"" + unique("w") + "\",\"amount\":5}");

        assertThat(onAlices.status()).isEqualTo(403);
        assertThat(onAlices.code()).isEqualTo("FORBIDDEN");
        assertThat(onNobodys.status()).isEqualTo(403);
        assertThat(withdrawal.status()).isEqualTo(403);
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void an_operators_deposit_into_an_unknown_account_is_404_and_records_nothing() {
        long events = storedEvents();

        Api.Response deposit = operator.post("/api/v1/accounts/" + unique("none") + "/deposits", "{\"id\":\"" + unique("d") + "\",\"amount\":5}");

        assertThat(deposit.status()).isEqualTo(404);
        assertThat(deposit.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void a_client_cannot_debit_another_owners_account_but_may_credit_it() {
        String bobs = openAccountAs(bob);
        long events = storedEvents();

        Api.Response steal = bob.post("/api/v1/transfers", transferJson(unique("t"), alices, bobs, 100));
        assertThat(steal.status()).isEqualTo(422);
        assertThat(steal.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(storedEvents()).as("only the sticky rejection, as for an unknown account").isEqualTo(events + 1);
        assertThat(posted(alices)).isEqualTo(1_000);

        Api.Response pay = api.post("/api/v1/transfers", transferJson(unique("t"), alices, bobs, 100));
        assertThat(pay.status()).isEqualTo(201);
        assertThat(posted(alices)).isEqualTo(900);
    }

    @Test
    void a_client_replaying_another_callers_transfer_id_learns_nothing_about_it() {
        String bobs = openAccountAs(bob);
        String id = unique("t");
        api.post("/api/v1/transfers", transferJson(id, alices, bobs, 10));

        Api.Response replay = bob.post("/api/v1/transfers", transferJson(id, alices, bobs, 10));

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body()).doesNotContain(alices);
    }

    @Test
    void an_operator_acts_on_any_owners_account() {
        Api.Response deposit = operator.post("/api/v1/accounts/" + alices + "/deposits", "{\"id\":\"" + unique("d") + "\",\"amount\":5}");
        Api.Response open = operator.post("/api/v1/accounts",
                "{\"id\":\"%s\",\"ownerId\":\"carol\",\"currency\":\"USD\"}".formatted(unique("acc")));

        assertThat(deposit.status()).isEqualTo(201);
        assertThat(open.status()).isEqualTo(201);
        assertThat(open.json().get("ownerId").asText()).isEqualTo("carol");
    }

    @Test
    void every_event_records_the_principal_and_its_oauth2_client() {
        String id = unique("d");
        operator.post("/api/v1/accounts/" + alices + "/deposits", "{\"id\":\"" + id + "\",\"amount\":5}");

        byte[] metadata = jdbc.queryForObject("select metadata from domainevententry where aggregateidentifier = ?",
                byte[].class, "transfer/" + id);

        assertThat(new String(metadata, StandardCharsets.UTF_8))
                .contains("\"principal\":\"operator\"", "\"clientId\":\"operator\"");
    }

    private String openAccountAs(Api caller) {
        String id = unique("acc");
        assertThat(caller.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(id)).status()).isEqualTo(201);
        return id;
    }

    private static String transferJson(String id, String from, String to, long amount) {
        return "{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,\"currency\":\"USD\"}"
                .formatted(id, from, to, amount);
    }
}
