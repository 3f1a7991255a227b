package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.support.AccountLockedElsewhere;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A keyed transfer of 100 out of a funded account, sent again and again, each time on a thread of its own. */
abstract class KeyedRepeatsTest extends CommandServiceTest {

    record KeyedTransfer(String debit, String credit, Api keyed, String body) {
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
        return new KeyedTransfer(debit, credit, api.with("Idempotency-Key", unique("key")), body);
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
