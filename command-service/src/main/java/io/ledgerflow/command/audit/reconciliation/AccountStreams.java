package io.ledgerflow.command.audit.reconciliation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads accounts' streams straight from the event store (Axon's {@code domainevententry}, stream ids
 * {@code account/<id>}). Rows are streamed (a cursor, which PostgreSQL keeps only inside a transaction), so a long
 * stream such as a settlement account's is never held in memory. Each read is a short transaction of its own:
 * none stays open while the query-service is asked for the next page.
 */
@Component
class AccountStreams {

    static final String STREAM_PREFIX = "account/";
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final StoredPayloads payloads = new StoredPayloads();

    AccountStreams(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Replays each account up to its target sequence. An account with no event in the store is absent from the
     * answer. Uses the store's unique (aggregate id, sequence) index.
     */
    Map<String, StoredAccount> replay(Map<String, Long> targetSequenceByAccount) {
        Map<String, StoredAccount> result = new HashMap<>();
        if (targetSequenceByAccount.isEmpty()) {
            return result;
        }
        Replays replays = new Replays(targetSequenceByAccount, result);
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            Array streams = connection.createArrayOf("varchar", targetSequenceByAccount.keySet().stream()
                    .map(id -> STREAM_PREFIX + id).toArray());
            var statement = connection.prepareStatement("select aggregateidentifier, sequencenumber, payloadtype, "
                    + "payload from domainevententry where aggregateidentifier = any(?) "
                    + "order by aggregateidentifier, sequencenumber");
            statement.setFetchSize(FETCH_SIZE);
            statement.setArray(1, streams);
            return statement;
        }, replays));
        replays.finish();
        return result;
    }

    /** Calls {@code action} with the id of every account opened at or before {@code upToPosition}. */
    void forEachOpened(long upToPosition, Consumer<String> action) {
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            var statement = connection.prepareStatement("select aggregateidentifier from domainevententry "
                    + "where sequencenumber = 0 and aggregateidentifier like ? and globalindex <= ?");
            statement.setFetchSize(FETCH_SIZE);
            statement.setString(1, STREAM_PREFIX + "%");
            statement.setLong(2, upToPosition);
            return statement;
        }, (RowCallbackHandler) row -> action.accept(
                row.getString("aggregateidentifier").substring(STREAM_PREFIX.length()))));
    }

    /** Rows come grouped by stream: one replay at a time, finished when the next stream begins. */
    private final class Replays implements RowCallbackHandler {

        private final Map<String, Long> targets;
        private final Map<String, StoredAccount> result;
        private AccountReplay current;

        Replays(Map<String, Long> targets, Map<String, StoredAccount> result) {
            this.targets = targets;
            this.result = result;
        }

        @Override
        public void processRow(ResultSet row) throws SQLException {
            String id = row.getString("aggregateidentifier").substring(STREAM_PREFIX.length());
            if (current == null || !current.accountId().equals(id)) {
                finish();
                current = new AccountReplay(id, targets.get(id));
            }
            current.add(row.getLong("sequencenumber"), row.getString("payloadtype"), row.getBytes("payload"),
                    payloads);
        }

        void finish() {
            if (current != null) {
                result.put(current.accountId(), current.result(payloads));
                current = null;
            }
        }
    }
}
