package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.EmbeddedPostgresServer;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch holds one lock per transfer id and per account until it commits, and PostgreSQL's lock table is finite
 * ({@code max_locks_per_transaction} times the connections, shared by all): large batches at once can fill it. Here a
 * server of its own has a small table, so one batch of 1,000 fills it. The batch is told to come back (503
 * {@code SERVICE_UNAVAILABLE}, {@code Retry-After}) with nothing applied, instead of a 500.
 */
@DirtiesContext // a database server no other class shares: closed when the class ends
@TestPropertySource(properties = "ledgerflow.test.context=small-lock-table")
class BatchLockTableFullApiTest extends CommandServiceTest {

    /** 10 locks per server process, and as few processes as the service needs: a table of a few hundred locks. */
    private static final EmbeddedPostgresServer SMALL_LOCK_TABLE = EmbeddedPostgresServer.startWith(
            Map.of("max_locks_per_transaction", "10", "max_connections", "25", "max_wal_senders", "0",
                    "autovacuum_max_workers", "1"));

    static {
        databaseServerOverride = SMALL_LOCK_TABLE;
    }

    /**
     * Before the context closes (JUnit runs this before Spring's own after-all, and closing the context here breaks
     * that): its pool then meets a stopped server at shutdown, as {@code DatabaseOutOfReachApiTest}'s does, and fails
     * fast (the server ends every session as it stops).
     */
    @AfterAll
    static void stopServer() {
        databaseServerOverride = null;
        SMALL_LOCK_TABLE.close();
    }

    @Test
    void post_batch_fails_with_503_and_applies_nothing_when_the_lock_table_is_full() {
        String from = openAccount("USD");
        String to = openAccount("USD");
        assertThat(deposit(from, unique("dep"), 1_000).status()).isEqualTo(201);
        List<String> items = IntStream.range(0, 1_000)
                .mapToObj(i -> BatchTransfersApiTest.item(unique("bt"), from, to, 1))
                .toList();
        long events = storedEvents();

        Api.Response full = batch(items);

        assertThat(full.status()).as(full.toString()).isEqualTo(503);
        assertThat(full.contentType()).startsWith("application/problem+json");
        assertThat(full.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(full.header("Retry-After")).isNotBlank();
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(posted(from)).isEqualTo(1_000);
        // the rollback gave the locks back: a batch the table has room for goes through
        assertThat(batch(items.subList(0, 10)).status()).isEqualTo(201);
        assertThat(posted(to)).isEqualTo(10);
    }

    private Api.Response batch(List<String> items) {
        return api.post("/api/v1/transfers/batch", "{\"transfers\":[" + String.join(",", items) + "]}");
    }
}
