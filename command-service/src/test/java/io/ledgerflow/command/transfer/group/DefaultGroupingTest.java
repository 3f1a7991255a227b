package io.ledgerflow.command.transfer.group;

import io.ledgerflow.command.support.CommandServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default settings, single transfers, deposits and withdrawals that arrive together share transactions (for
 * deposits and withdrawals, a hot account's queue and the settlement shards' locks are shared per group too).
 */
class DefaultGroupingTest extends CommandServiceTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    GroupingProperties grouping;

    @Test
    void deposits_and_withdrawals_into_one_hot_account_sent_at_once_are_grouped_and_each_applied_once()
            throws Exception {
        assertThat(grouping.mode()).isEqualTo(GroupingProperties.Mode.ALL);
        String currency = "SEK";
        String hot = openAccount(currency);
        long settlementBefore = posted("@world:" + currency);
        double groupedBefore = groupedCommands();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = unique("hot-dep");
            calls.add(() -> deposit(hot, id, 30).status());
        }

        assertThat(runAll(calls, 20)).allMatch(status -> status == 201);
        List<Callable<Integer>> withdrawals = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = unique("hot-wd");
            withdrawals.add(() -> withdraw(hot, id, 25).status());
        }
        assertThat(runAll(withdrawals, 20)).allMatch(status -> status == 201);

        assertThat(groupedCommands() - groupedBefore).as("commands that ran in a group of more than one")
                .isPositive();
        assertThat(posted(hot)).isEqualTo(100 * 30 - 40 * 25);
        assertThat(posted("@world:" + currency) - settlementBefore).isEqualTo(-(100 * 30 - 40 * 25));
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                Long.class, "account/" + hot)).as("opened, 100 credits, 40 debits").isEqualTo(141);
    }

    @Test
    void one_deposit_id_sent_many_times_at_once_is_applied_once_and_answered_to_every_copy() throws Exception {
        String account = openAccount("DKK");
        String id = unique("same-dep");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            calls.add(() -> deposit(account, id, 300).status());
        }

        List<Integer> statuses = runAll(calls, 24);

        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(23);
        assertThat(posted(account)).isEqualTo(300);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                Long.class, "transfer/" + id)).isEqualTo(1);
    }

    @Test
    void single_transfers_sent_at_once_are_grouped_and_each_applied_once() throws Exception {
        String from = openAccount("USD");
        String to = openAccount("USD");
        assertThat(deposit(from, unique("seed"), 1_000).status()).isEqualTo(201);
        double groupedBefore = groupedCommands();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = unique("single");
            calls.add(() -> transfer(id, from, to, 10, "USD").status());
        }

        assertThat(runAll(calls, 20)).allMatch(status -> status == 201);

        assertThat(groupedCommands() - groupedBefore).as("transfers that ran in a group of more than one")
                .isPositive();
        assertThat(posted(to)).isEqualTo(600);
        assertThat(posted(from)).isEqualTo(400);
    }

    private double groupedCommands() {
        var summary = meters.find("ledgerflow.commands.group.size").summary();
        return summary == null ? 0 : summary.totalAmount() - summary.count();
    }
}
