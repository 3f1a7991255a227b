package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReopenAccountApiTest extends CommandServiceTest {

    private Api operator;
    private String account;

    @BeforeEach
    void account() {
        operator = anonymous.as(tokenFor("operator"));
        account = openAccount("USD");
    }

    @Test
    void post_reopen_returns_200_and_the_account_takes_deposits_again() {
        operator.post("/api/v1/accounts/" + account + "/close", "");

        Api.Response reopened = operator.post("/api/v1/accounts/" + account + "/reopen", "");
        Api.Response deposit = deposit(account, unique("dep"), 40);

        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        assertThat(reopened.json().get("status").asText()).isEqualTo("OPEN");
        assertThat(reopened.json().get("version").asLong()).isEqualTo(3);
        assertThat(deposit.status()).as(deposit.body()).isEqualTo(201);
        assertThat(posted(account)).isEqualTo(40);
    }

    @Test
    void post_reopen_of_an_open_account_returns_200_and_records_nothing() {
        long events = storedEvents();

        Api.Response reopened = operator.post("/api/v1/accounts/" + account + "/reopen", "");

        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.json().get("status").asText()).isEqualTo("OPEN");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void post_reopen_fails_with_422_account_frozen_when_the_account_is_frozen() {
        operator.post("/api/v1/accounts/" + account + "/freeze", "");

        Api.Response refused = operator.post("/api/v1/accounts/" + account + "/reopen", "");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("ACCOUNT_FROZEN");
    }

    @Test
    void post_reopen_fails_with_403_for_a_client() {
        operator.post("/api/v1/accounts/" + account + "/close", "");

        Api.Response refused = api.post("/api/v1/accounts/" + account + "/reopen", "");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(deposit(account, unique("dep"), 1).code()).isEqualTo("ACCOUNT_CLOSED");
    }
}
