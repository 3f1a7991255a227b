package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer balances stay within ±(2^53−1), so their JSON numbers are exact: crossing the bound is refused, never
 * wrapped. A settlement account goes negative without limit (each of its shards within 64-bit bounds).
 */
class AmountOverflowApiTest extends CommandServiceTest {

    private static final long MAX = 9_007_199_254_740_991L;

    @Test
    void deposit_fails_with_422_amount_overflow_when_a_balance_would_pass_two_pow_53_minus_one() {
        // a currency no other test uses: its settlement account ends at −(2^53−1)
        String account = openAccount("ISK");
        assertThat(deposit(account, unique("dep"), MAX).status()).isEqualTo(201);

        Api.Response overflow = deposit(account, unique("dep"), 1);

        assertThat(overflow.status()).isEqualTo(422);
        assertThat(overflow.code()).isEqualTo("AMOUNT_OVERFLOW");
        assertThat(posted(account)).isEqualTo(MAX);
        assertThat(posted("@world:ISK")).isEqualTo(-MAX);
    }

    @Test
    void deposits_whose_sum_passes_two_pow_53_minus_one_land_because_the_settlement_account_has_no_limit() {
        // a currency no other test uses
        String first = openAccount("THB");
        String second = openAccount("THB");

        assertThat(deposit(first, unique("dep"), MAX).status()).isEqualTo(201);
        assertThat(deposit(second, unique("dep"), MAX).status()).isEqualTo(201);

        assertThat(posted("@world:THB")).as("minus the customers' sum, exact in 64 bits").isEqualTo(-2 * MAX);
    }
}
