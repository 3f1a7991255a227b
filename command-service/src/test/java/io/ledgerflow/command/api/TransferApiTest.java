package io.ledgerflow.command.api;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransferApiTest extends CommandServiceTest {

    @Test
    void a_deposit_and_a_transfer_move_money_in_double_entry() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        long worldBefore = posted("@world:USD");

        Api.Response deposit = deposit(a, unique("dep"), 10_000);
        Api.Response transfer = transfer(unique("t"), a, b, 2_500, "USD");

        assertThat(deposit.status()).isEqualTo(201);
        assertThat(deposit.json().get("debitAccountId").asText()).isEqualTo("@world:USD");
        assertThat(deposit.json().get("status").asText()).isEqualTo("POSTED");
        assertThat(transfer.status()).isEqualTo(201);
        assertThat(transfer.json().get("postedAmount").asLong()).isEqualTo(2_500);
        assertThat(transfer.json().get("pending").asBoolean()).isFalse();
        assertThat(posted(a)).isEqualTo(7_500);
        assertThat(posted(b)).isEqualTo(2_500);
        assertThat(posted("@world:USD")).isEqualTo(worldBefore - 10_000);
    }

    @Test
    void post_returns_200_with_the_first_result_and_no_second_effect_when_the_transfer_is_repeated() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        String id = unique("t");
        Api.Response first = transfer(id, a, b, 400, "USD");
        long events = storedEvents();

        Api.Response again = transfer(id, a, b, 400, "USD");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(posted(a)).isEqualTo(600);
    }

    @Test
    void post_fails_with_409_when_id_reused_with_different_amount() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        String id = unique("t");
        transfer(id, a, b, 400, "USD");

        Api.Response conflict = transfer(id, a, b, 500, "USD");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("ID_EXISTS_WITH_DIFFERENT_FIELDS");
        assertThat(conflict.json().get("fields").toString()).isEqualTo("[\"amount\"]");
        assertThat(posted(a)).isEqualTo(600);
    }

    @Test
    void post_fails_with_422_insufficient_funds_and_the_rejection_is_sticky() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        String id = unique("t");

        Api.Response rejected = transfer(id, a, b, 101, "USD");
        deposit(a, unique("dep"), 1_000);
        Api.Response retried = transfer(id, a, b, 101, "USD");

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(rejected.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(retried.status()).isEqualTo(422);
        assertThat(retried.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(posted(a)).isEqualTo(1_100);
        assertThat(posted(b)).isZero();
    }

    @Test
    void post_fails_with_422_for_each_ledger_rule() {
        String usd = openAccount("USD");
        String eur = openAccount("EUR");
        deposit(usd, unique("dep"), 100);

        assertThat(transfer(unique("t"), usd, eur, 10, "USD").code()).isEqualTo("CURRENCY_MISMATCH");
        assertThat(transfer(unique("t"), usd, usd, 10, "USD").code()).isEqualTo("SAME_ACCOUNT");
        Api.Response missing = transfer(unique("t"), usd, "nobody-here", 10, "USD");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(posted(usd)).isEqualTo(100);
    }

    @Test
    void a_withdrawal_moves_money_back_to_the_world_and_cannot_overdraw() {
        String a = openAccount("EUR");
        deposit(a, unique("dep"), 500);

        Api operator = anonymous.as(tokenFor("operator"));
        Api.Response ok = operator.post("/api/v1/accounts/" + a + "/withdrawals", "{\"id\":\"" + unique("w") + "\",\"amount\":200}");
        Api.Response tooMuch = operator.post("/api/v1/accounts/" + a + "/withdrawals", "{\"id\":\"" + unique("w") + "\",\"amount\":301}");

        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("creditAccountId").asText()).isEqualTo("@world:EUR");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(posted(a)).isEqualTo(300);
    }

    @Test
    void a_deposit_to_an_account_that_does_not_exist_is_404() {
        Api.Response response = deposit("no-such-account", unique("dep"), 10);
        Api.Response world = deposit("@world:USD", unique("dep"), 10);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(world.status()).isEqualTo(404);
    }

    @Test
    void bad_amounts_are_400_invalid_amount_and_change_nothing() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        long events = storedEvents();

        for (String amount : new String[]{"0", "-5", "9007199254740992", "9223372036854775808", "12.5", "\"100\"", "1e3", "null"}) {
            Api.Response response = api.post("/api/v1/transfers", ("{\"id\":\"%s\",\"debitAccountId\":\"%s\","
                    + "\"creditAccountId\":\"%s\",\"amount\":%s,\"currency\":\"USD\"}").formatted(unique("t"), a, b, amount));
            assertThat(response.status()).as(amount).isEqualTo(400);
            assertThat(response.code()).as(amount).isEqualTo("INVALID_AMOUNT");
        }
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void post_fails_with_400_when_timeout_seconds_is_given_without_pending() {
        Api.Response response = api.post("/api/v1/transfers", "{\"id\":\"p-1\",\"debitAccountId\":\"a\","
                + "\"creditAccountId\":\"b\",\"amount\":1,\"currency\":\"USD\",\"timeoutSeconds\":60}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("timeoutSeconds");
    }
}
