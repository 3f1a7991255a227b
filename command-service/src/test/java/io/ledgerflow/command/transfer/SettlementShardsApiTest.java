package io.ledgerflow.command.transfer;

import io.ledgerflow.command.support.AccountLockedElsewhere;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A currency's settlement account is {@link SettlementAccounts#SHARDS} accounts, each with its own lock: a deposit
 * or withdrawal waits only when another transaction holds every one of them, and the money still sums to zero.
 */
class SettlementShardsApiTest extends CommandServiceTest {

    @Test
    void a_deposit_posts_to_the_one_shard_that_no_other_transaction_holds() throws Exception {
        String account = openAccount("PLN");
        List<String> shards = SettlementAccounts.shardIds("PLN");
        String free = shards.get(SettlementAccounts.SHARDS - 1);
        List<String> heldElsewhere = shards.subList(0, SettlementAccounts.SHARDS - 1);
        String id = unique("dep");

        Api.Response deposit;
        try (AccountLockedElsewhere other = AccountLockedElsewhere.lock(dataSource(), heldElsewhere.toArray(String[]::new))) {
            deposit = deposit(account, id, 250);
        }

        assertThat(deposit.status()).isEqualTo(201);
        assertThat(deposit.json().get("debitAccountId").asText()).as("the API names the settlement account")
                .isEqualTo("@world:PLN");
        assertThat(legAccount(id, "AccountDebited")).isEqualTo(free);
        assertThat(posted(account)).isEqualTo(250);
    }

    @Test
    void a_withdrawal_waits_while_every_shard_is_held_and_completes_once_they_are_released() throws Exception {
        String account = openAccount("CZK");
        assertThat(deposit(account, unique("seed"), 900).status()).isEqualTo(201);
        String id = unique("wd");

        CompletableFuture<Api.Response> withdrawal;
        try (AccountLockedElsewhere other = AccountLockedElsewhere.lock(dataSource(),
                SettlementAccounts.shardIds("CZK").toArray(String[]::new))) {
            withdrawal = CompletableFuture.supplyAsync(() -> withdraw(account, id, 400));
            Thread.sleep(500);
            assertThat(withdrawal).as("waiting for a shard").isNotDone();
        }

        assertThat(withdrawal.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(legAccount(id, "AccountCredited")).startsWith("@world:CZK");
        assertThat(posted(account)).isEqualTo(500);
    }

    @Test
    void concurrent_deposits_spread_over_the_shards_and_the_currency_still_sums_to_zero() throws Exception {
        long settlementBefore = posted("@world:RON");
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            accounts.add(openAccount("RON"));
        }
        List<String> ids = new ArrayList<>();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String id = unique("spread");
            String to = accounts.get(i % accounts.size());
            ids.add(id);
            calls.add(() -> deposit(to, id, 10).status());
        }

        assertThat(runAll(calls, 16)).allMatch(status -> status == 201);

        Set<String> shardsUsed = new HashSet<>();
        ids.forEach(id -> shardsUsed.add(legAccount(id, "AccountDebited")));
        assertThat(shardsUsed).as("the settlement account's shards that took legs").hasSizeGreaterThan(1)
                .allMatch(shard -> SettlementAccounts.shardOf(shard).isPresent()
                        && SettlementAccounts.currencyOf(shard).equals("RON"));
        long customers = accounts.stream().mapToLong(this::posted).sum();
        assertThat(customers).isEqualTo(640);
        assertThat(posted("@world:RON") - settlementBefore).as("the shards summed").isEqualTo(-640);
    }

    /** The account id named by the leg of this kind that the transfer posted. */
    private DataSource dataSource() {
        return jdbc.getDataSource();
    }

    private String legAccount(String transferId, String legType) {
        return jdbc.queryForObject("select p->>'accountId' from (select convert_from(payload, 'UTF8')::jsonb as p "
                + "from domainevententry where payloadtype = ?) legs where p->>'transferId' = ?", String.class,
                "io.ledgerflow.events.account." + legType, transferId);
    }
}
