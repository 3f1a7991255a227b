package io.ledgerflow.command.api;

import io.ledgerflow.command.account.AccountStatus;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreezeAccountApiTest extends CommandServiceTest {

    private Api operator;
    private String account;
    private String other;

    @BeforeEach
    void fundedAccounts() {
        operator = anonymous.as(tokenFor("operator"));
        account = openAccount("USD");
        other = openAccount("USD");
        deposit(account, unique("dep"), 1_000);
        deposit(other, unique("dep"), 1_000);
    }

    @Test
    void post_freeze_returns_200_with_the_frozen_account() {
        Api.Response frozen = operator.post("/api/v1/accounts/" + account + "/freeze", "");

        assertThat(frozen.status()).as(frozen.body()).isEqualTo(200);
        assertThat(frozen.json().get("id").asText()).isEqualTo(account);
        assertThat(frozen.json().get("status").asText()).isEqualTo("FROZEN");
        assertThat(frozen.json().get("posted").asLong()).isEqualTo(1_000);
        assertThat(frozen.json().get("version").asLong()).isEqualTo(3);
        assertThat(replayed(account).orElseThrow().status()).isEqualTo(AccountStatus.FROZEN);
    }

    @Test
    void a_frozen_account_refuses_debits_with_422_account_frozen_while_credits_land() {
        operator.post("/api/v1/accounts/" + account + "/freeze", "{}");

        Api.Response withdrawal = operator.post("/api/v1/accounts/" + account + "/withdrawals",
                "{\"id\":\"%s\",\"amount\":10}".formatted(unique("w")));
        Api.Response transferOut = transfer(unique("t"), account, other, 10, "USD");
        Api.Response deposit = deposit(account, unique("dep"), 50);
        Api.Response transferIn = transfer(unique("t"), other, account, 25, "USD");

        assertThat(withdrawal.status()).isEqualTo(422);
        assertThat(withdrawal.code()).isEqualTo("ACCOUNT_FROZEN");
        assertThat(transferOut.status()).isEqualTo(422);
        assertThat(transferOut.code()).isEqualTo("ACCOUNT_FROZEN");
        assertThat(deposit.status()).as(deposit.body()).isEqualTo(201);
        assertThat(transferIn.status()).as(transferIn.body()).isEqualTo(201);
        assertThat(posted(account)).isEqualTo(1_075);
    }

    @Test
    void post_freeze_again_returns_200_and_records_nothing() {
        operator.post("/api/v1/accounts/" + account + "/freeze", "");
        long events = storedEvents();

        Api.Response again = operator.post("/api/v1/accounts/" + account + "/freeze", "");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("FROZEN");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void post_unfreeze_returns_200_and_debits_work_again() {
        operator.post("/api/v1/accounts/" + account + "/freeze", "");

        Api.Response unfrozen = operator.post("/api/v1/accounts/" + account + "/unfreeze", "");
        Api.Response transferOut = transfer(unique("t"), account, other, 10, "USD");

        assertThat(unfrozen.status()).isEqualTo(200);
        assertThat(unfrozen.json().get("status").asText()).isEqualTo("OPEN");
        assertThat(transferOut.status()).as(transferOut.body()).isEqualTo(201);
    }

    @Test
    void post_unfreeze_of_an_open_account_returns_200_and_records_nothing() {
        long events = storedEvents();

        Api.Response unfrozen = operator.post("/api/v1/accounts/" + account + "/unfreeze", "");

        assertThat(unfrozen.status()).isEqualTo(200);
        assertThat(unfrozen.json().get("status").asText()).isEqualTo("OPEN");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void post_freeze_fails_with_403_for_the_owning_client() {
        Api.Response refused = api.post("/api/v1/accounts/" + account + "/freeze", "");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("FORBIDDEN");
        assertThat(replayed(account).orElseThrow().status()).isEqualTo(AccountStatus.OPEN);
    }

    @Test
    void post_freeze_fails_with_404_when_the_account_is_unknown_or_a_settlement_account() {
        Api.Response unknown = operator.post("/api/v1/accounts/" + unique("nobody") + "/freeze", "");
        Api.Response world = operator.post("/api/v1/accounts/@world:USD/freeze", "");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(world.status()).isEqualTo(404);
        assertThat(world.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(replayed("@world:USD").orElseThrow().status()).isEqualTo(AccountStatus.OPEN);
    }

    @Test
    void post_freeze_fails_with_400_when_the_body_has_fields() {
        Api.Response invalid = operator.post("/api/v1/accounts/" + account + "/freeze", "{\"reason\":\"x\"}");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(replayed(account).orElseThrow().status()).isEqualTo(AccountStatus.OPEN);
    }
}
