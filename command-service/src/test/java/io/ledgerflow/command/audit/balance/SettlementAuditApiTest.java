package io.ledgerflow.command.audit.balance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.audit.AuditApiTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An auditor reads the settlement account (@world:<CUR>) from the event store, whole and shard by shard. */
class SettlementAuditApiTest extends AuditApiTest {

    /** No other test moves money in this currency, so its settlement account holds only what this test did. */
    private static final String CURRENCY = "MXN";
    private static final String WORLD = "%40world%3A" + CURRENCY;

    @Test
    void the_settlement_account_balances_every_customer_account_of_its_currency_as_of_any_instant()
            throws InterruptedException {
        Instant beforeAnyMovement = Instant.now();
        String a = openAccount(CURRENCY);
        String b = openAccount(CURRENCY);
        for (int i = 0; i < 4; i++) {
            assertThat(deposit(a, unique("dep"), 1_000).status()).isEqualTo(201);
            assertThat(deposit(b, unique("dep"), 100).status()).isEqualTo(201);
        }
        Instant afterDeposits = Instant.now();
        assertThat(withdraw(a, unique("wd"), 300).status()).isEqualTo(201);
        assertThat(transfer(unique("t"), a, b, 50, CURRENCY).status()).isEqualTo(201);

        JsonNode whole = balance(WORLD, null).json();
        assertThat(whole.path("accountId").asText()).isEqualTo("@world:" + CURRENCY);
        assertThat(whole.path("currency").asText()).isEqualTo(CURRENCY);
        assertThat(whole.path("posted").asLong()).isEqualTo(-(posted(a) + posted(b))).isEqualTo(-4_100);
        assertThat(whole.path("consistent").asBoolean()).isTrue();
        assertThat(balance(WORLD, afterDeposits.toString()).json().path("posted").asLong()).isEqualTo(-4_400);
        Api.Response notYet = balance(WORLD, beforeAnyMovement.toString());
        assertThat(notYet.status()).isEqualTo(404);
        assertThat(notYet.code()).isEqualTo("ACCOUNT_NOT_FOUND");

        long shardsPosted = 0;
        long shardEvents = 0;
        List<String> opened = new ArrayList<>();
        for (int shard = 0; shard < 8; shard++) {
            String id = WORLD + "%3A" + shard;
            Api.Response alone = balance(id, null);
            if (alone.status() == 404) {
                continue;
            }
            assertThat(alone.status()).as(alone.body()).isEqualTo(200);
            assertThat(alone.json().path("accountId").asText()).isEqualTo("@world:" + CURRENCY + ":" + shard);
            shardsPosted += alone.json().path("posted").asLong();
            JsonNode history = history("accounts", id);
            assertThat(history.get(history.size() - 1).path("sequence").asLong())
                    .isEqualTo(alone.json().path("sequence").asLong());
            shardEvents += history.size();
            opened.add(history.get(0).path("aggregateId").asText());
        }
        assertThat(opened).as("deposits and withdrawals spread over the shards").hasSizeGreaterThan(1);
        assertThat(shardsPosted).isEqualTo(whole.path("posted").asLong());
        assertThat(whole.path("sequence").asLong() + 1).as("events over all shards").isEqualTo(shardEvents);
        if (opened.contains("@world:" + CURRENCY)) {
            // an event's hash shows once the chain, on its own schedule, has reached it: compare after it has
            JsonNode unsharded = history("accounts", WORLD);
            awaitLinked(unsharded.get(unsharded.size() - 1).path("position").asLong());
            assertThat(history("accounts", WORLD)).isEqualTo(history("accounts", WORLD + "%3A0"));
        }
    }

    private Api.Response balance(String id, String asOf) {
        return auditor().get("/api/v1/audit/accounts/" + id + "/balance" + (asOf == null ? "" : "?asOf=" + asOf));
    }
}
