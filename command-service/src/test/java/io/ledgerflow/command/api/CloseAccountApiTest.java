package io.ledgerflow.command.api;

import io.ledgerflow.command.account.AccountStatus;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloseAccountApiTest extends CommandServiceTest {

    private Api operator;
    private String account;
    private String other;

    @BeforeEach
    void accounts() {
        operator = anonymous.as(tokenFor("operator"));
        account = openAccount("USD");
        other = openAccount("USD");
        deposit(other, unique("dep"), 1_000);
    }

    @Test
    void post_close_fails_with_422_account_not_empty_when_the_account_holds_money() {
        deposit(account, unique("dep"), 100);

        Api.Response refused = operator.post("/api/v1/accounts/" + account + "/close", "");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("ACCOUNT_NOT_EMPTY");
        assertThat(refused.json().get("accountId").asText()).isEqualTo(account);
        assertThat(replayed(account).orElseThrow().status()).isEqualTo(AccountStatus.OPEN);
    }

    @Test
    void post_close_returns_200_once_the_account_is_emptied() {
        deposit(account, unique("dep"), 100);
        operator.post("/api/v1/accounts/" + account + "/withdrawals", "{\"id\":\"%s\",\"amount\":100}".formatted(unique("w")));

        Api.Response closed = operator.post("/api/v1/accounts/" + account + "/close", "");

        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().get("posted").asLong()).isZero();
    }

    @Test
    void a_closed_account_refuses_deposits_withdrawals_and_transfers_with_422_account_closed() {
        operator.post("/api/v1/accounts/" + account + "/close", "");

        Api.Response deposit = deposit(account, unique("dep"), 10);
        Api.Response withdrawal = operator.post("/api/v1/accounts/" + account + "/withdrawals",
                "{\"id\":\"%s\",\"amount\":10}".formatted(unique("w")));
        Api.Response transferIn = transfer(unique("t"), other, account, 10, "USD");

        assertThat(deposit.status()).isEqualTo(422);
        assertThat(deposit.code()).isEqualTo("ACCOUNT_CLOSED");
        assertThat(withdrawal.status()).isEqualTo(422);
        assertThat(withdrawal.code()).isEqualTo("ACCOUNT_CLOSED");
        assertThat(transferIn.status()).isEqualTo(422);
        assertThat(transferIn.code()).isEqualTo("ACCOUNT_CLOSED");
        assertThat(posted(account)).isZero();
        assertThat(posted(other)).isEqualTo(1_000);
    }

    @Test
    void post_freeze_and_overdraft_limit_fail_with_422_account_closed_on_a_closed_account() {
        operator.post("/api/v1/accounts/" + account + "/close", "");

        Api.Response freeze = operator.post("/api/v1/accounts/" + account + "/freeze", "");
        Api.Response unfreeze = operator.post("/api/v1/accounts/" + account + "/unfreeze", "");
        Api.Response limit = operator.call("PUT", "/api/v1/accounts/" + account + "/overdraft-limit",
                "{\"overdraftLimit\":100}", "application/json");

        assertThat(freeze.status()).isEqualTo(422);
        assertThat(freeze.code()).isEqualTo("ACCOUNT_CLOSED");
        assertThat(unfreeze.code()).isEqualTo("ACCOUNT_CLOSED");
        assertThat(limit.status()).isEqualTo(422);
        assertThat(limit.code()).isEqualTo("ACCOUNT_CLOSED");
    }

    @Test
    void post_close_again_returns_200_and_records_nothing() {
        operator.post("/api/v1/accounts/" + account + "/close", "");
        long events = storedEvents();

        Api.Response again = operator.post("/api/v1/accounts/" + account + "/close", "");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void post_close_of_a_frozen_empty_account_returns_200() {
        operator.post("/api/v1/accounts/" + account + "/freeze", "");

        Api.Response closed = operator.post("/api/v1/accounts/" + account + "/close", "");

        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
    }
}
