package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OverdraftLimitApiTest extends CommandServiceTest {

    private Api operator;
    private String account;

    @BeforeEach
    void fundedAccount() {
        operator = anonymous.as(tokenFor("operator"));
        account = openAccount("USD");
        deposit(account, unique("dep"), 100);
    }

    @Test
    void put_returns_200_and_a_withdrawal_into_the_overdraft_succeeds_after_raising_it() {
        Api.Response before = withdraw(150);

        Api.Response raised = setLimit("{\"overdraftLimit\":500}");
        Api.Response after = withdraw(150);

        assertThat(before.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        assertThat(raised.json().get("overdraftLimit").asLong()).isEqualTo(500);
        assertThat(raised.json().get("available").asLong()).isEqualTo(600);
        assertThat(after.status()).as(after.body()).isEqualTo(201);
        assertThat(posted(account)).isEqualTo(-50);
        assertThat(replayed(account).orElseThrow().available()).isEqualTo(450);
    }

    @Test
    void put_fails_with_422_insufficient_funds_when_lowered_below_what_is_used() {
        setLimit("{\"overdraftLimit\":500}");
        withdraw(300);

        Api.Response below = setLimit("{\"overdraftLimit\":199}");
        Api.Response atUsed = setLimit("{\"overdraftLimit\":200}");

        assertThat(below.status()).isEqualTo(422);
        assertThat(below.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(atUsed.status()).isEqualTo(200);
        assertThat(atUsed.json().get("available").asLong()).isZero();
        assertThat(withdraw(1).code()).isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    void put_of_the_same_limit_returns_200_and_records_nothing() {
        setLimit("{\"overdraftLimit\":500}");
        long events = storedEvents();

        Api.Response again = setLimit("{\"overdraftLimit\":500}");

        assertThat(again.status()).isEqualTo(200);
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void put_fails_with_400_when_the_limit_is_missing_negative_fractional_too_large_or_a_string() {
        for (String body : new String[]{"{}", "{\"overdraftLimit\":-1}", "{\"overdraftLimit\":1.5}",
                "{\"overdraftLimit\":9007199254740992}", "{\"overdraftLimit\":\"5\"}", "{\"overdraftLimit\":null}",
                "{\"overdraftLimit\":5,\"extra\":1}", ""}) {
            Api.Response invalid = setLimit(body);

            assertThat(invalid.status()).as(body + " -> " + invalid.body()).isEqualTo(400);
            assertThat(invalid.code()).as(body).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(replayed(account).orElseThrow().overdraftLimit()).isZero();
    }

    @Test
    void put_accepts_the_largest_limit() {
        Api.Response largest = setLimit("{\"overdraftLimit\":9007199254740991}");

        assertThat(largest.status()).as(largest.body()).isEqualTo(200);
        assertThat(largest.json().get("overdraftLimit").asLong()).isEqualTo(9_007_199_254_740_991L);
    }

    @Test
    void put_fails_with_403_for_the_owning_client() {
        Api.Response refused = api.call("PUT", "/api/v1/accounts/" + account + "/overdraft-limit",
                "{\"overdraftLimit\":500}", "application/json");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(replayed(account).orElseThrow().overdraftLimit()).isZero();
    }

    private Api.Response setLimit(String body) {
        return operator.call("PUT", "/api/v1/accounts/" + account + "/overdraft-limit", body, "application/json");
    }

    private Api.Response withdraw(long amount) {
        return operator.post("/api/v1/accounts/" + account + "/withdrawals",
                "{\"id\":\"%s\",\"amount\":%d}".formatted(unique("w"), amount));
    }
}
