package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** Many clients at once, in opposite directions, with retries of the same ids: money is neither lost nor made. */
class ConcurrentTransfersTest extends CommandServiceTest {

    @Test
    void concurrent_transfers_conserve_money_and_never_overdraw() throws Exception {
        List<String> accounts = List.of(openAccount("GBP"), openAccount("GBP"), openAccount("GBP"), openAccount("GBP"));
        for (String account : accounts) {
            assertThat(deposit(account, unique("dep"), 1_000).status()).isEqualTo(201);
        }
        long worldBefore = posted("@world:GBP");
        List<Callable<Integer>> calls = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 160; i++) {
            String from = accounts.get(random.nextInt(accounts.size()));
            String to = accounts.get(random.nextInt(accounts.size()));
            long amount = 1 + random.nextInt(400);
            String id = unique("ct");
            calls.add(() -> transfer(id, from, to, amount, "GBP").status());
        }

        List<Integer> statuses = runAll(calls, 8);

        assertThat(statuses).allMatch(s -> s == 201 || s == 422);
        long customerTotal = accounts.stream().mapToLong(this::posted).sum();
        assertThat(customerTotal).isEqualTo(4_000);
        assertThat(posted("@world:GBP")).isEqualTo(worldBefore);
        accounts.forEach(a -> assertThat(posted(a)).isGreaterThanOrEqualTo(0));
    }

    @Test
    void the_same_transfer_id_sent_many_times_at_once_takes_effect_once() throws Exception {
        String a = openAccount("CHF");
        String b = openAccount("CHF");
        deposit(a, unique("dep"), 1_000);
        String id = unique("same");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(() -> transfer(id, a, b, 100, "CHF").status());
        }

        List<Integer> statuses = runAll(calls, 6);

        assertThat(statuses).containsOnlyOnce(201).allMatch(s -> s == 201 || s == 200);
        assertThat(posted(a)).isEqualTo(900);
        assertThat(posted(b)).isEqualTo(100);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                Long.class, "transfer/" + id)).isEqualTo(1);
    }

    @Test
    void first_deposits_racing_to_create_the_settlement_account_all_land() throws Exception {
        String currency = "NOK";
        List<String> accounts = List.of(openAccount(currency), openAccount(currency), openAccount(currency));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String account : accounts) {
            calls.add(() -> deposit(account, unique("dep"), 50).status());
        }

        assertThat(runAll(calls, 3)).containsOnly(201);
        assertThat(posted("@world:" + currency)).isEqualTo(-150);
    }
}
