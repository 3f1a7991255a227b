package io.ledgerflow.command.audit.balance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.audit.AuditApiTest;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class AuditBalanceApiTest extends AuditApiTest {

    record Moment(String after, Instant at, Balances balances) {
    }

    @Test
    void the_balance_as_of_each_instant_is_what_the_ledger_showed_then() throws Exception {
        Instant beforeOpening = Instant.now();
        String a = openAccount("USD");
        String b = openAccount("USD");
        List<Moment> moments = new ArrayList<>();
        moments.add(after("opening", a, () -> 201, new Balances(0, 0, 0)));
        moments.add(after("deposit", a, () -> deposit(a, unique("dep"), 1_000).status(), new Balances(1_000, 0, 0)));
        moments.add(after("transfer", a, () -> transfer(unique("t"), a, b, 300, "USD").status(),
                new Balances(700, 0, 0)));
        String held = unique("p");
        moments.add(after("hold", a, () -> pendingTransfer(held, a, b, 200, null).status(), new Balances(700, 200, 0)));
        moments.add(after("partial post", a, () -> postPending(held, 150L).status(), new Balances(550, 0, 0)));
        String voided = unique("p");
        moments.add(after("hold", a, () -> pendingTransfer(voided, a, b, 100, null).status(),
                new Balances(550, 100, 0)));
        moments.add(after("void", a, () -> voidPending(voided).status(), new Balances(550, 0, 0)));
        moments.add(after("incoming hold", a, () -> pendingTransfer(unique("p"), b, a, 50, null).status(),
                new Balances(550, 0, 50)));

        for (Moment moment : moments) {
            JsonNode balance = balanceOf(a, moment.at().toString());
            assertThat(new Balances(balance.path("posted").asLong(), balance.path("pendingDebits").asLong(),
                    balance.path("pendingCredits").asLong())).as("after the " + moment.after()).isEqualTo(moment.balances());
            assertThat(balance.path("consistent").asBoolean()).isTrue();
            assertThat(balance.path("currency").asText()).isEqualTo("USD");
        }
        Api.Response notYetOpened = auditor().get("/api/v1/audit/accounts/" + a + "/balance?asOf=" + beforeOpening);
        assertThat(notYetOpened.status()).isEqualTo(404);
        assertThat(notYetOpened.code()).isEqualTo("ACCOUNT_NOT_FOUND");

        Api.Response limitChanged = anonymous.as(tokenFor("operator")).call("PUT",
                "/api/v1/accounts/" + a + "/overdraft-limit", "{\"overdraftLimit\":100}", "application/json");
        assertThat(limitChanged.status()).as(limitChanged.body()).isEqualTo(200);
        JsonNode shown = limitChanged.json();
        JsonNode now = auditor().get("/api/v1/audit/accounts/" + a + "/balance").json();
        for (String field : List.of("posted", "pendingDebits", "pendingCredits", "available", "overdraftLimit",
                "status", "currency")) {
            assertThat(now.path(field)).as(field).isEqualTo(shown.path(field));
        }
        JsonNode history = history("accounts", a);
        JsonNode lastEvent = history.get(history.size() - 1);
        assertThat(now.path("sequence").asLong()).isEqualTo(lastEvent.path("sequence").asLong());
        assertThat(now.path("position").asLong()).isEqualTo(lastEvent.path("position").asLong());
    }

    @Test
    void a_stored_balance_that_the_amounts_do_not_add_up_to_is_reported_as_an_inconsistency() throws Exception {
        Deposited deposited = linkedDeposit();

        JsonNode balance = balanceWithPayload(deposited,
                "convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{balances,posted}', '900')::text, 'UTF8')");

        assertThat(balance.path("posted").asLong()).isEqualTo(400);
        assertThat(balance.path("consistent").asBoolean()).isFalse();
        JsonNode inconsistency = balance.path("inconsistencies").get(0);
        assertThat(inconsistency.path("position").asLong()).isEqualTo(deposited.position());
        assertThat(inconsistency.path("sequence").asLong()).isEqualTo(1);
        assertThat(inconsistency.path("detail").asText()).contains("900");
        assertThat(balanceOf(deposited.account(), null).path("consistent").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"convert_to((convert_from(payload, 'UTF8')::jsonb - 'balances')::text, 'UTF8')",
            "convert_to('null', 'UTF8')"})
    void a_stored_event_stripped_of_its_balances_or_emptied_is_reported_as_an_inconsistency(String altered)
            throws Exception {
        Deposited deposited = linkedDeposit();

        JsonNode balance = balanceWithPayload(deposited, altered);

        assertThat(balance.path("consistent").asBoolean()).as(balance.toString()).isFalse();
        assertThat(balance.path("inconsistencies").get(0).path("position").asLong()).isEqualTo(deposited.position());
    }

    /** An account's credit of 400 and its position. */
    private record Deposited(String account, long position) {
    }

    /** A deposit the chain has linked already, so that the chain holds the untouched event. */
    private Deposited linkedDeposit() throws InterruptedException {
        String account = openAccount("USD");
        assertThat(deposit(account, unique("dep"), 400).status()).isEqualTo(201);
        long credited = history("accounts", account).get(1).path("position").asLong();
        awaitLinked(credited);
        return new Deposited(account, credited);
    }

    /** The account's balance while its credit's stored payload is {@code altered} (SQL over {@code payload}). */
    private JsonNode balanceWithPayload(Deposited deposited, String altered) {
        byte[] original = jdbc.queryForObject("select payload from domainevententry where globalindex = ?",
                byte[].class, deposited.position());
        try {
            jdbc.update("update domainevententry set payload = " + altered + " where globalindex = ?",
                    deposited.position());
            return balanceOf(deposited.account(), null);
        } finally {
            jdbc.update("update domainevententry set payload = ? where globalindex = ?", original,
                    deposited.position());
        }
    }

    @Test
    void malformed_ids_and_instants_are_400_and_unknown_accounts_404() {
        for (String asOf : List.of("yesterday", "2026-13-01T00:00:00Z", "2026-01-01T00:00:00", "1700000000",
                "%2B999999999-12-31T23:59:59Z", "2026-01-01T00:00:00Z%00")) {
            Api.Response response = auditor().get("/api/v1/audit/accounts/acc-1/balance?asOf=" + asOf);
            assertThat(response.status()).as(asOf + ": " + response.body()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        }
        Api.Response badInstant = auditor().get("/api/v1/audit/accounts/acc-1/balance?asOf=yesterday");
        assertThat(badInstant.json().path("errors").get(0).path("field").asText()).isEqualTo("asOf");
        for (String id : List.of("%40world%3Ausd", "%40world%3AUSD%3A8", "-leading")) {
            Api.Response badId = auditor().get("/api/v1/audit/accounts/" + id + "/balance");
            assertThat(badId.status()).as(id).isEqualTo(400);
            assertThat(badId.json().path("errors").get(0).path("field").asText()).isEqualTo("id");
        }
        Api.Response unknown = auditor().get("/api/v1/audit/accounts/" + unique("ghost") + "/balance");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("ACCOUNT_NOT_FOUND");
    }

    /** Runs the command, checks the account then holds {@code expected}, and notes the instant after it. */
    private Moment after(String command, String account, Supplier<Integer> status, Balances expected) {
        assertThat(status.get()).as(command).isBetween(200, 201);
        assertThat(balances(account)).as("the ledger after the " + command).isEqualTo(expected);
        return new Moment(command, Instant.now(), expected);
    }

    private JsonNode balanceOf(String account, String asOf) {
        Api.Response response = auditor().get("/api/v1/audit/accounts/" + account + "/balance"
                + (asOf == null ? "" : "?asOf=" + asOf));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void a_history_longer_than_one_read_replays_across_the_pages() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        assertThat(deposit(a, unique("dep"), 100_000).status()).isEqualTo(201);
        int transfers = BalanceReplay.PAGE + 5;
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < transfers; i++) {
            items.append(i == 0 ? "" : ",").append(("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":"
                    + "\"%s\",\"amount\":1,\"currency\":\"USD\"}").formatted(unique("bt"), a, b));
            if (i == 999) {
                assertThat(api.post("/api/v1/transfers/batch", "{\"transfers\":[" + items + "]}").status()).isEqualTo(201);
                items.setLength(0);
            }
        }
        assertThat(api.post("/api/v1/transfers/batch", "{\"transfers\":[" + items.substring(1) + "]}").status())
                .isEqualTo(201);

        JsonNode balance = auditor().get("/api/v1/audit/accounts/" + a + "/balance").json();

        assertThat(balance.path("posted").asLong()).isEqualTo(100_000 - transfers);
        assertThat(balance.path("sequence").asLong()).as("opened, deposit, then every debit").isEqualTo(transfers + 1);
        assertThat(balance.path("consistent").asBoolean()).isTrue();
    }
}
