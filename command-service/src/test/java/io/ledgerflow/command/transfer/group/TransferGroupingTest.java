package io.ledgerflow.command.transfer.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.servicekit.consistency.ConsistencyToken;
import io.ledgerflow.servicekit.consistency.ConsistencyTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that arrive together share a transaction ({@link TransferGrouping}); each still gets its own answer, and
 * each event still names the request that caused it.
 */
class TransferGroupingTest extends CommandServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MeterRegistry meters;

    @Autowired
    ConsistencyTokens tokens;

    @Test
    void transfers_sent_at_once_share_transactions_and_each_event_carries_its_own_requests_correlation_id()
            throws Exception {
        List<String> accounts = fundedAccounts(6, "USD", 10_000);
        double groupedBefore = groupedCommands();
        List<String> ids = new ArrayList<>();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = unique("grouped");
            ids.add(id);
            String from = accounts.get(i % 6);
            String to = accounts.get((i + 1 + i % 5) % 6);
            long amount = 1 + i % 50;
            calls.add(() -> api.with("X-Correlation-Id", "corr-" + id).post("/api/v1/transfers",
                    ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,"
                            + "\"currency\":\"USD\"}").formatted(id, from, to, amount)).status());
        }

        assertThat(runAll(calls, 30)).allMatch(status -> status == 201);

        assertThat(groupedCommands() - groupedBefore).as("commands that ran in a group of more than one")
                .isPositive();
        for (String id : ids) {
            List<JsonNode> metadata = metadataOfEventsNaming(id);
            assertThat(metadata).as("the transfer event and its two legs").hasSize(3);
            assertThat(metadata).allSatisfy(data -> {
                assertThat(data.path("correlationId").asText()).isEqualTo("corr-" + id);
                assertThat(data.path("clientId").asText()).isEqualTo("alice");
            });
        }
        long total = 0;
        for (String account : accounts) {
            total += posted(account);
        }
        assertThat(total).as("transfers between the accounts move money, never make it").isEqualTo(60_000);
    }

    @Test
    void deposits_sent_at_once_into_many_accounts_are_each_applied_once() throws Exception {
        String currency = "NOK";
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accounts.add(openAccount(currency));
        }
        long settlementBefore = posted("@world:" + currency);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String account = accounts.get(i % 20);
            String id = unique("dep");
            calls.add(() -> deposit(account, id, 25).status());
        }

        assertThat(runAll(calls, 40)).allMatch(status -> status == 201);

        for (String account : accounts) {
            assertThat(posted(account)).isEqualTo(100);
        }
        assertThat(posted("@world:" + currency) - settlementBefore).isEqualTo(-2_000);
    }

    @Test
    void one_id_sent_many_times_at_once_is_applied_once_and_answered_to_every_copy() throws Exception {
        String from = openAccount("USD");
        String to = openAccount("USD");
        assertThat(deposit(from, unique("seed"), 1_000).status()).isEqualTo(201);
        String id = unique("same");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            calls.add(() -> transfer(id, from, to, 300, "USD").status());
        }

        List<Integer> statuses = runAll(calls, 24);

        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(23);
        assertThat(posted(from)).isEqualTo(700);
        assertThat(posted(to)).isEqualTo(300);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                Long.class, "transfer/" + id)).isEqualTo(1);
    }

    @Test
    void deposits_sharing_a_transaction_each_get_a_token_naming_the_account_at_the_sequence_they_left_it()
            throws Exception {
        String account = openAccount("USD");
        double groupedBefore = groupedCommands();
        int deposits = 40;
        Set<Long> sequences = ConcurrentHashMap.newKeySet();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < deposits; i++) {
            calls.add(() -> {
                var deposit = deposit(account, unique("dep"), 1);
                String token = deposit.header(ConsistencyToken.HEADER);
                Long sequence = tokens.read(token).orElseThrow().streams().get("account/" + account);
                assertThat(sequence).as("the account in the token of %s", deposit).isNotNull();
                sequences.add(sequence);
                return deposit.status();
            });
        }

        assertThat(runAll(calls, deposits)).containsOnly(201);
        assertThat(groupedCommands() - groupedBefore).as("deposits that ran in a group of more than one").isPositive();
        assertThat(sequences).as("one sequence per deposit, each its own write").hasSize(deposits)
                .allSatisfy(sequence -> assertThat(sequence).isBetween(1L, (long) deposits));
    }

    private double groupedCommands() {
        var summary = meters.find("ledgerflow.commands.group.size").summary();
        if (summary == null) {
            return 0;
        }
        // commands that ran in groups: the total of all group sizes minus one per group
        return summary.totalAmount() - summary.count();
    }

    private List<JsonNode> metadataOfEventsNaming(String transferId) throws Exception {
        List<String> rows = jdbc.queryForList("select convert_from(metadata, 'UTF8') from domainevententry"
                + " where aggregateidentifier = ? or (aggregateidentifier like 'account/%'"
                + " and convert_from(payload, 'UTF8')::jsonb ->> 'transferId' = ?)", String.class,
                "transfer/" + transferId, transferId);
        List<JsonNode> metadata = new ArrayList<>();
        for (String row : rows) {
            metadata.add(JSON.readTree(row));
        }
        return metadata;
    }
}
