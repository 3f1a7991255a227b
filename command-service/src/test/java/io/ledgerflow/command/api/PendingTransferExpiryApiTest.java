package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A pending transfer whose timeout passes is voided automatically: EXPIRED, reservations released. */
class PendingTransferExpiryApiTest extends CommandServiceTest {

    @Test
    void post_fails_with_422_transfer_expired_after_the_timeout_released_the_reservation() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        String id = unique("p");
        String lasting = unique("p");
        assertThat(pendingTransfer(id, a, b, 30, 1L).status()).isEqualTo(201);
        assertThat(pendingTransfer(lasting, a, b, 20, 3600L).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(balances(a)).isEqualTo(new Balances(100, 20, 0)));

        assertThat(balances(b)).isEqualTo(new Balances(0, 0, 20));
        Api.Response posted = postPending(id, null);
        Api.Response voided = voidPending(id);
        assertThat(posted.status()).isEqualTo(422);
        assertThat(posted.code()).isEqualTo("TRANSFER_EXPIRED");
        assertThat(voided.code()).isEqualTo("TRANSFER_EXPIRED");
        assertThat(jdbc.queryForObject("select count(*) from pending_expiries where transfer_id = ?", Long.class, id))
                .isZero();
        assertThat(postPending(lasting, null).status()).as("the other one is still pending").isEqualTo(200);
    }

    /**
     * Holds due together are expired a batch at a time, each batch in one transaction: one at a time, 500 holds of
     * one batch took about 10 s to release on a busy machine, each queuing on the same accounts' locks.
     */
    @Test
    void holds_due_together_expire_a_batch_to_a_transaction() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        String prefix = unique("bx");
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            items.append(i == 0 ? "" : ",").append(("{\"id\":\"%s-%d\",\"debitAccountId\":\"%s\","
                    + "\"creditAccountId\":\"%s\",\"amount\":1,\"currency\":\"USD\",\"pending\":true,"
                    + "\"timeoutSeconds\":1}").formatted(prefix, i, a, b));
        }
        Api.Response held = anonymous.as(tokenFor("operator")).post("/api/v1/transfers/batch",
                "{\"transfers\":[" + items + "]}");
        assertThat(held.status()).as(held.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(balances(a)).isEqualTo(new Balances(1_000, 0, 0)));

        Long expired = jdbc.queryForObject("select count(*) from domainevententry where payloadtype like"
                + " '%TransferExpired' and aggregateidentifier like ?", Long.class, "%" + prefix + "-%");
        Long transactions = jdbc.queryForObject("select count(distinct xmin::text) from domainevententry where"
                + " payloadtype like '%TransferExpired' and aggregateidentifier like ?", Long.class, "%" + prefix + "-%");
        assertThat(expired).isEqualTo(150);
        assertThat(transactions).as("transactions that appended the 150 expiries").isLessThanOrEqualTo(4);
        assertThat(balances(b)).isEqualTo(new Balances(0, 0, 0));
    }
}
