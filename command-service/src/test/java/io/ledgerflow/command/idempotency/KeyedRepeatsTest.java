package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.AccountLockedElsewhere;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.awaitility.Awaitility.await;

/**
 * A keyed transfer of 100 out of a funded account, sent again and again, each time on a thread of its own. These tests
 * hold the debit account for seconds on purpose: a lock timeout well past that keeps a slow machine from answering the
 * first request 503 before they release it.
 */
@TestPropertySource(properties = "DATABASE_LOCK_TIMEOUT=60s")
abstract class KeyedRepeatsTest extends CommandServiceTest {

    record KeyedTransfer(String debit, String credit, String key, Api keyed, String body) {
    }

    @Autowired
    DataSource dataSource;

    private final ExecutorService clients = Executors.newCachedThreadPool();

    KeyedTransfer keyedTransfer() {
        String debit = openAccount("USD");
        String credit = openAccount("USD");
        deposit(debit, unique("dep"), 1_000);
        String body = ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":100,"
                + "\"currency\":\"USD\"}").formatted(unique("t"), debit, credit);
        String key = unique("key");
        return new KeyedTransfer(debit, credit, key, api.with("Idempotency-Key", key), body);
    }

    /** Waits until a request has claimed the transfer's key and is running it. */
    void awaitClaimed(KeyedTransfer transfer) {
        await().atMost(Duration.ofSeconds(30)).until(() -> new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(*) FROM idempotency_keys WHERE idem_key = ? AND status IS NULL", Integer.class,
                transfer.key()) == 1);
    }

    /** Its debit account locked by another connection until closed: the transfer waits for it. */
    AccountLockedElsewhere debitBusy(KeyedTransfer transfer) throws SQLException {
        return AccountLockedElsewhere.lock(dataSource, transfer.debit());
    }

    CompletableFuture<Api.Response> send(KeyedTransfer transfer) {
        return CompletableFuture.supplyAsync(
                () -> transfer.keyed().post("/api/v1/transfers", transfer.body()), clients);
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }
}
