package io.ledgerflow.command.api;

import io.ledgerflow.command.support.AccountLockedElsewhere;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command whose statement runs longer than {@code ledgerflow.commands.statement-timeout} (here a wait for a
 * settlement shard, with the lock timeout far longer) gives up with 503 and Retry-After, applies nothing, and goes
 * through once the database answers again.
 */
@TestPropertySource(properties = {"ledgerflow.commands.statement-timeout=1s", "DATABASE_LOCK_TIMEOUT=60s"})
class SlowStatementAnswers503Test extends CommandServiceTest {

    @Autowired
    DataSource dataSource;

    @Test
    void withdrawal_fails_with_503_when_a_statement_outlasts_the_statement_timeout_and_applies_nothing() throws Exception {
        String account = openAccount("NOK");
        assertThat(deposit(account, unique("seed"), 900).status()).isEqualTo(201);
        String id = unique("wd");
        Api.Response slow;
        long events;
        try (var shardsHeld = AccountLockedElsewhere.lock(dataSource,
                SettlementAccounts.shardIds("NOK").toArray(String[]::new))) {
            events = storedEvents();
            CompletableFuture<Api.Response> withdrawal = CompletableFuture.supplyAsync(() -> withdraw(account, id, 400));

            // answered while the shards are still held: the 60 s lock timeout cannot be what ended it
            slow = withdrawal.get(30, TimeUnit.SECONDS);

            assertThat(storedEvents()).isEqualTo(events);
        }

        assertThat(slow.status()).as(slow.body()).isEqualTo(503);
        assertThat(slow.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(slow.header("Retry-After")).isEqualTo("1");
        assertThat(posted(account)).isEqualTo(900);
        assertThat(withdraw(account, id, 400).status()).isEqualTo(201);
        assertThat(posted(account)).isEqualTo(500);
    }
}
