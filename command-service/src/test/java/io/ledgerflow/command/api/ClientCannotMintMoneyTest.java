package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Money crosses the ledger's boundary only through an operator: a client can neither give itself credit nor deposit. */
class ClientCannotMintMoneyTest extends CommandServiceTest {

    @Test
    void open_fails_with_403_when_a_client_names_an_overdraft_limit_and_nothing_is_recorded() {
        String id = unique("credit");
        long events = storedEvents();

        Api.Response open = api.post("/api/v1/accounts",
                "{\"id\":\"%s\",\"currency\":\"USD\",\"overdraftLimit\":9007199254740991}".formatted(id));

        assertThat(open.status()).isEqualTo(403);
        assertThat(open.code()).isEqualTo("FORBIDDEN");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(replayed(id)).isEmpty();
    }

    @Test
    void a_client_may_name_a_zero_overdraft_limit_and_an_operator_any() {
        Api.Response zero = api.post("/api/v1/accounts",
                "{\"id\":\"%s\",\"currency\":\"USD\",\"overdraftLimit\":0}".formatted(unique("zero")));
        Api.Response byOperator = anonymous.as(tokenFor("operator")).post("/api/v1/accounts",
                "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\",\"overdraftLimit\":500}".formatted(unique("od")));

        assertThat(zero.status()).isEqualTo(201);
        assertThat(byOperator.status()).isEqualTo(201);
        assertThat(byOperator.json().get("overdraftLimit").asLong()).isEqualTo(500);
    }

    @Test
    void deposit_and_withdrawal_fail_with_403_for_a_client_even_on_its_own_account() {
        String own = openAccount("USD");
        long events = storedEvents();

        Api.Response deposit = api.post("/api/v1/accounts/" + own + "/deposits", "{\"id\":\"%s\",\"amount\":1000000000}"
                .formatted(unique("d")));
        Api.Response withdrawal = api.post("/api/v1/accounts/" + own + "/withdrawals", "{\"id\":\"%s\",\"amount\":1}"
                .formatted(unique("w")));

        assertThat(deposit.status()).isEqualTo(403);
        assertThat(deposit.code()).isEqualTo("FORBIDDEN");
        assertThat(withdrawal.status()).isEqualTo(403);
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(posted(own)).isZero();
    }

    @Test
    void an_operator_deposits_and_withdraws_for_any_owner() {
        String alices = openAccount("USD");
        Api operator = anonymous.as(tokenFor("operator"));

        Api.Response deposit = operator.post("/api/v1/accounts/" + alices + "/deposits",
                "{\"id\":\"%s\",\"amount\":700}".formatted(unique("d")));
        Api.Response withdrawal = operator.post("/api/v1/accounts/" + alices + "/withdrawals",
                "{\"id\":\"%s\",\"amount\":200}".formatted(unique("w")));

        assertThat(deposit.status()).isEqualTo(201);
        assertThat(withdrawal.status()).isEqualTo(201);
        assertThat(posted(alices)).isEqualTo(500);
    }
}
