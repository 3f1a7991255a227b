package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /transfers/{id}/void releases both reservations, once. */
class VoidPendingTransferApiTest extends CommandServiceTest {

    private String a;
    private String b;
    private String id;

    @BeforeEach
    void pending() {
        a = openAccount("USD");
        b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        id = unique("p");
        assertThat(pendingTransfer(id, a, b, 30, null).status()).isEqualTo(201);
    }

    @Test
    void void_returns_200_voided_and_releases_both_reservations() {
        Api.Response voided = voidPending(id);

        assertThat(voided.status()).as(voided.body()).isEqualTo(200);
        assertThat(voided.json().get("status").asText()).isEqualTo("VOIDED");
        assertThat(voided.json().get("postedAmount").asLong()).isZero();
        assertThat(balances(a)).isEqualTo(new Balances(100, 0, 0));
        assertThat(balances(b)).isEqualTo(new Balances(0, 0, 0));
        assertThat(replayed(a).orElseThrow().available()).isEqualTo(100);
    }

    @Test
    void void_takes_no_fields_and_no_other_media_type_and_applies_nothing_when_it_refuses_them() {
        String path = "/api/v1/transfers/" + id + "/void";
        long events = storedEvents();

        Api.Response partial = api.post(path, "{\"amount\":1}");
        Api.Response text = api.call("POST", path, "not json at all", "text/plain");

        assertThat(partial.status()).as(partial.body()).isEqualTo(400);
        assertThat(partial.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(text.status()).as(text.body()).isEqualTo(415);
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(balances(a)).isEqualTo(new Balances(100, 30, 0));
        Api.Response empty = api.post(path, "{}");
        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        assertThat(empty.json().get("status").asText()).isEqualTo("VOIDED");
    }

    @Test
    void void_fails_with_422_transfer_already_voided_when_it_is_repeated() {
        voidPending(id);
        long events = storedEvents();

        Api.Response again = voidPending(id);

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.code()).isEqualTo("TRANSFER_ALREADY_VOIDED");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void void_is_allowed_on_a_frozen_debit_account_and_releases_the_hold() {
        anonymous.as(tokenFor("operator")).post("/api/v1/accounts/" + a + "/freeze", "");

        Api.Response voided = voidPending(id);

        assertThat(voided.status()).isEqualTo(200);
        assertThat(balances(a)).isEqualTo(new Balances(100, 0, 0));
    }

    @Test
    void post_fails_with_422_account_frozen_when_the_debit_account_was_frozen_after_the_hold_even_for_an_operator() {
        Api operator = anonymous.as(tokenFor("operator"));
        assertThat(operator.post("/api/v1/accounts/" + a + "/freeze", "").status()).isEqualTo(200);
        long events = storedEvents();

        Api.Response byOwner = api.post("/api/v1/transfers/" + id + "/post", "");
        Api.Response byOperator = operator.post("/api/v1/transfers/" + id + "/post", "{\"amount\":1}");

        assertThat(byOwner.status()).as(byOwner.body()).isEqualTo(422);
        assertThat(byOwner.code()).isEqualTo("ACCOUNT_FROZEN");
        assertThat(byOperator.status()).as(byOperator.body()).isEqualTo(422);
        assertThat(byOperator.code()).isEqualTo("ACCOUNT_FROZEN");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(balances(a)).isEqualTo(new Balances(100, 30, 0));
        assertThat(balances(b)).isEqualTo(new Balances(0, 0, 30));
    }

    @Test
    void the_credit_accounts_owner_may_void_a_hold_offered_to_it_and_then_close_the_account_but_never_post_one() {
        Api bob = anonymous.as(tokenFor("bob"));
        String bobs = unique("acc");
        assertThat(bob.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(bobs)).status())
                .isEqualTo(201);
        String offered = unique("p");
        String another = unique("p");
        assertThat(pendingTransfer(offered, a, bobs, 10, null).status()).isEqualTo(201);
        assertThat(pendingTransfer(another, a, bobs, 10, null).status()).isEqualTo(201);

        Api.Response taken = bob.post("/api/v1/transfers/" + another + "/post", "");
        Api.Response declined = bob.post("/api/v1/transfers/" + offered + "/void", "");
        Api.Response declinedAgain = bob.post("/api/v1/transfers/" + another + "/void", "");

        assertThat(taken.status()).as(taken.body()).isEqualTo(404);
        assertThat(taken.code()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(declined.json().get("status").asText()).isEqualTo("VOIDED");
        assertThat(declinedAgain.status()).as(declinedAgain.body()).isEqualTo(200);
        assertThat(balances(bobs)).isEqualTo(new Balances(0, 0, 0));
        assertThat(balances(a)).isEqualTo(new Balances(100, 30, 0)); // only the hold of the set-up is left
        Api.Response closed = anonymous.as(tokenFor("operator")).post("/api/v1/accounts/" + bobs + "/close", "");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    }
}
