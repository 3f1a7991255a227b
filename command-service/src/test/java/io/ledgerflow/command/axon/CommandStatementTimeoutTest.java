package io.ledgerflow.command.axon;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.support.UnitsOfWork;
import io.ledgerflow.events.account.SettlementAccounts;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ledgerflow.commands.statement-timeout}: the first lock of a command's transaction bounds every later
 * statement of that transaction, and nothing outside it.
 */
@TestPropertySource(properties = {"ledgerflow.commands.statement-timeout=1s", "DATABASE_LOCK_TIMEOUT=60s"})
class CommandStatementTimeoutTest extends CommandServiceTest {

    private static final String QUERY_CANCELED = "57014";

    @Autowired
    LedgerLocks locks;
    @Autowired
    TransactionManager transactionManager;

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
