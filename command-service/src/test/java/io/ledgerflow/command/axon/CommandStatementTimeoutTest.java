package io.ledgerflow.command.axon;

import io.ledgerflow.command.support.AccountLockedElsewhere;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.support.UnitsOfWork;
import io.ledgerflow.events.account.SettlementAccounts;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ledgerflow.commands.statement-timeout}: the first lock of a command's transaction bounds every later
 * statement of that transaction, and nothing outside it. A limit on lock waits (a group's) holds for its transaction
 * only, from its first lock statement on.
 */
@TestPropertySource(properties = {"ledgerflow.commands.statement-timeout=1s", "DATABASE_LOCK_TIMEOUT=60s"})
class CommandStatementTimeoutTest extends CommandServiceTest {

    private static final String QUERY_CANCELED = "57014";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    @Autowired
    LedgerLocks locks;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    DataSource dataSource;

    @Test
    void a_statement_after_the_first_lock_is_cancelled_once_it_runs_longer_than_the_timeout() {
        String stream = StreamIds.account(unique("slow"));

        assertThatThrownBy(() -> inUnitOfWork(() -> {
            locks.lock(stream);
            return jdbc.queryForList("select pg_sleep(5)");
        })).satisfies(failure -> assertThat(sqlState(failure)).isEqualTo(QUERY_CANCELED));
    }

    @Test
    void every_way_of_taking_the_first_lock_bounds_the_transaction() {
        String currency = "SEK";
        List<String> twoStreams = List.of(StreamIds.account(unique("a")), StreamIds.account(unique("b")));

        assertThat(inUnitOfWork(() -> {
            String before = statementTimeout();
            locks.lock(StreamIds.account(unique("one")));
            return List.of(before, statementTimeout());
        })).containsExactly("0", "1s");
        assertThat(inUnitOfWork(() -> {
            locks.lockAll(twoStreams);
            return statementTimeout();
        })).isEqualTo("1s");
        assertThat(inUnitOfWork(() -> {
            locks.lockAnyOf(SettlementAccounts.shardIds(currency).stream().map(StreamIds::account).toList());
            return statementTimeout();
        })).isEqualTo("1s");
    }

    @Test
    void the_bound_ends_with_the_transaction_and_work_without_locks_is_not_bounded() {
        inUnitOfWork(() -> {
            locks.lock(StreamIds.account(unique("done")));
            return null;
        });

        assertThat(statementTimeout()).as("the pooled connection, after the command's transaction").isEqualTo("0");
        assertThat(inUnitOfWork(() -> {
            jdbc.queryForList("select pg_sleep(1.5)");
            return statementTimeout();
        })).as("a transaction that locks nothing, e.g. an audit export's").isEqualTo("0");
    }

    @Test
    void a_limit_on_lock_waits_holds_for_the_waits_of_the_first_lock_statement_itself() throws Exception {
        String held = unique("held");
        String free = unique("free");
        ExecutorService command = Executors.newSingleThreadExecutor();
        try (var elsewhere = AccountLockedElsewhere.lock(dataSource, held)) {
            for (List<String> streams : List.of(List.of(StreamIds.account(held)),
                    List.of(StreamIds.account(held), StreamIds.account(free)))) {
                Future<?> waiting = command.submit(() -> inUnitOfWork(() -> {
                    locks.limitLockWaits(Duration.ofMillis(300));
                    locks.lockAll(streams);
                    return null;
                }));

                assertThat(waiting).as("gave up at the 300 ms limit, not at the connection's lock timeout (60 s)")
                        .failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                        .satisfies(failure -> assertThat(sqlState(failure)).isEqualTo(LOCK_NOT_AVAILABLE));
            }
        } finally {
            command.shutdownNow();
        }
    }

    @Test
    void a_limit_on_lock_waits_lasts_for_its_transaction_only_whenever_it_is_set() {
        String connectionDefault = lockTimeout();

        assertThat(inUnitOfWork(() -> {
            locks.limitLockWaits(Duration.ofMillis(250));
            locks.lock(StreamIds.account(unique("one")));
            return lockTimeout();
        })).as("set before the first lock: with it").isEqualTo("250ms");
        assertThat(inUnitOfWork(() -> {
            locks.limitLockWaits(Duration.ofMillis(250));
            locks.lockAnyOf(SettlementAccounts.shardIds("NOK").stream().map(StreamIds::account).toList());
            return lockTimeout();
        })).as("before a settlement shard's lock").isEqualTo("250ms");
        assertThat(inUnitOfWork(() -> {
            locks.lock(StreamIds.account(unique("two")));
            locks.limitLockWaits(Duration.ofMillis(400));
            return lockTimeout();
        })).as("set after the first lock: a statement of its own").isEqualTo("400ms");
        assertThat(inUnitOfWork(() -> {
            locks.lock(StreamIds.account(unique("three")));
            return lockTimeout();
        })).as("no limit: the connection's").isEqualTo(connectionDefault);
        assertThat(lockTimeout()).as("the pooled connection afterwards").isEqualTo(connectionDefault).isEqualTo("1min");
    }

    private String lockTimeout() {
        return jdbc.queryForObject("show lock_timeout", String.class);
    }

    private String statementTimeout() {
        return jdbc.queryForObject("show statement_timeout", String.class);
    }

    private <R> R inUnitOfWork(Callable<R> work) {
        return UnitsOfWork.inUnitOfWork(transactionManager, work);
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
