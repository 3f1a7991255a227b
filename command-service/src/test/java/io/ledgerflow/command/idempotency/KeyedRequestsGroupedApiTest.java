package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.http.Api;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyed transfers, deposits and withdrawals are grouped like any others: the group holds each request's key before
 * its commands run and stores each request's answer, rendered from its command's outcome, before it commits. So a
 * keyed request still commits its effects and its answer together, and replays the answer it was sent.
 */
class KeyedRequestsGroupedApiTest extends CommandServiceTest {

    private static final String FAILING_KEY = "group-fail-once-";

    @Autowired
    MeterRegistry meters;

    private KeyStoreFailures failures;

    @BeforeEach
    void theFirstAnswerOfAFailingKeyCannotBeStored() {
        failures = KeyStoreFailures.install(jdbc, "BEFORE UPDATE", """
                IF NEW.idem_key LIKE '%1$s%%' AND NEW.status IS NOT NULL AND nextval('{sequence}') = 1 THEN
                  RAISE EXCEPTION 'storing the answer failed (test)';
                END IF;
                RETURN NEW;""".formatted(FAILING_KEY));
    }

    @AfterEach
    void dropTheTrigger() {
        failures.close();
    }

    @Test
    void keyed_transfers_sent_at_once_share_transactions_and_each_replays_the_answer_it_was_sent() throws Exception {
        List<String> accounts = fundedAccounts(6, "USD", 10_000);
        double groupedBefore = groupedCommands();
        Map<String, Api.Response> answers = new ConcurrentHashMap<>();
        Map<String, String> bodies = new ConcurrentHashMap<>();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String key = unique("grouped-key");
            String body = ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,"
                    + "\"currency\":\"USD\"}").formatted(unique("t"), accounts.get(i % 6),
                    accounts.get((i + 1 + i % 5) % 6), 1 + i % 50);
            bodies.put(key, body);
            calls.add(() -> {
                Api.Response answer = api.with("Idempotency-Key", key).post("/api/v1/transfers", body);
                answers.put(key, answer);
                return answer.status();
            });
        }

        assertThat(runAll(calls, 30)).containsOnly(201);

        assertThat(groupedCommands() - groupedBefore).as("keyed commands that ran in a group of more than one")
                .isPositive();
        answers.forEach((key, first) -> {
            Api.Response again = api.with("Idempotency-Key", key).post("/api/v1/transfers", bodies.get(key));
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.header("X-Consistency-Token")).isNotBlank().isEqualTo(first.header("X-Consistency-Token"));
        });
        long total = 0;
        for (String account : accounts) {
            total += posted(account);
        }
        assertThat(total).as("transfers between the accounts move money, never make it").isEqualTo(60_000);
    }

    @Test
    void a_grouped_keyed_transfer_whose_answer_could_not_be_stored_is_not_applied_and_its_retry_applies_it_once() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        assertThat(deposit(a, unique("dep"), 100).status()).isEqualTo(201);
        double groupsBefore = groups();
        Api keyed = api.with("Idempotency-Key", unique(FAILING_KEY));
        String body = ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":40,"
                + "\"currency\":\"USD\"}").formatted(unique("t"), a, b);

        Api.Response failed = keyed.post("/api/v1/transfers", body);

        assertThat(groups() - groupsBefore).as("it was sent as a group").isPositive();
        assertThat(failed.status()).as(failed.body()).isEqualTo(503);
        assertThat(failed.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(failed.header("X-Consistency-Token")).as("no token for what was not applied").isNull();
        assertThat(balances(a)).as("nothing applied").isEqualTo(new Balances(100, 0, 0));

        Api.Response retried = keyed.post("/api/v1/transfers", body);
        Api.Response replayed = keyed.post("/api/v1/transfers", body);

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body()).isEqualTo(retried.body());
        assertThat(balances(a)).isEqualTo(new Balances(60, 0, 0));
        assertThat(balances(b)).isEqualTo(new Balances(40, 0, 0));
    }

    private double groups() {
        var summary = meters.find("ledgerflow.commands.group.size").summary();
        return summary == null ? 0 : summary.count();
    }

    private double groupedCommands() {
        var summary = meters.find("ledgerflow.commands.group.size").summary();
        // commands that ran in groups: the total of all group sizes minus one per group
        return summary == null ? 0 : summary.totalAmount() - summary.count();
    }
}
