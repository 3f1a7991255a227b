package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /transfers with pending: true reserves the amount on both sides and posts nothing. */
class PendingTransferApiTest extends CommandServiceTest {

    private String a;
    private String b;

    @BeforeEach
    void accounts() {
        a = openAccount("USD");
        b = openAccount("USD");
        deposit(a, unique("dep"), 100);
    }

    @Test
    void post_returns_201_pending_and_reserves_the_amount_on_both_sides() {
        String id = unique("p");

        Api.Response created = pendingTransfer(id, a, b, 30, 60L);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(created.json().get("pending").asBoolean()).isTrue();
        assertThat(created.json().get("timeoutSeconds").asLong()).isEqualTo(60);
        assertThat(created.json().get("postedAmount").asLong()).isZero();
        assertThat(created.json().get("resolvedAt").isNull()).isTrue();
        assertThat(balances(a)).isEqualTo(new Balances(100, 30, 0));
        assertThat(balances(b)).isEqualTo(new Balances(0, 0, 30));
        assertThat(replayed(a).orElseThrow().available()).isEqualTo(70);
        assertThat(balances(a).posted() + balances(b).posted()).as("the deposit, conserved").isEqualTo(100);
    }

    @Test
    void post_fails_with_422_insufficient_funds_when_a_hold_exceeds_what_other_holds_left_available() {
        assertThat(pendingTransfer(unique("p"), a, b, 80, null).status()).isEqualTo(201);

        Api.Response second = pendingTransfer(unique("p"), a, b, 30, null);
        Api.Response singlePhase = transfer(unique("t"), a, b, 30, "USD");

        assertThat(second.status()).isEqualTo(422);
        assertThat(second.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(singlePhase.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(balances(a)).isEqualTo(new Balances(100, 80, 0));
    }

    @Test
    void post_fails_with_422_account_frozen_when_the_debit_account_is_frozen() {
        anonymous.as(tokenFor("operator")).post("/api/v1/accounts/" + a + "/freeze", "");

        Api.Response hold = pendingTransfer(unique("p"), a, b, 10, null);

        assertThat(hold.status()).isEqualTo(422);
        assertThat(hold.code()).isEqualTo("ACCOUNT_FROZEN");
        assertThat(balances(a)).isEqualTo(new Balances(100, 0, 0));
    }

    @Test
    void post_fails_with_400_when_the_timeout_is_below_1_or_above_30_days() {
        for (long timeout : new long[]{0, -5, 2_592_001}) {
            Api.Response response = pendingTransfer(unique("p"), a, b, 10, timeout);

            assertThat(response.status()).as("timeout " + timeout).isEqualTo(400);
            assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("timeoutSeconds");
        }
        assertThat(balances(a)).isEqualTo(new Balances(100, 0, 0));
    }

    @Test
    void the_same_pending_transfer_again_returns_200_and_another_timeout_or_phase_is_409() {
        String id = unique("p");
        pendingTransfer(id, a, b, 10, 60L);

        Api.Response again = pendingTransfer(id, a, b, 10, 60L);
        Api.Response otherTimeout = pendingTransfer(id, a, b, 10, 61L);
        Api.Response singlePhase = transfer(id, a, b, 10, "USD");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(otherTimeout.status()).isEqualTo(409);
        assertThat(otherTimeout.json().get("fields").toString()).isEqualTo("[\"timeoutSeconds\"]");
        assertThat(singlePhase.status()).isEqualTo(409);
        assertThat(singlePhase.json().get("fields").toString()).contains("\"pending\"");
        assertThat(balances(a)).isEqualTo(new Balances(100, 10, 0));
    }
}
