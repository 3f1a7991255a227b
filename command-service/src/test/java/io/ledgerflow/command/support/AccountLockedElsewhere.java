package io.ledgerflow.command.support;

import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.StreamIds;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Another instance's transaction holding accounts' locks, as long as this is open; closing rolls it back. */
public final class AccountLockedElsewhere implements AutoCloseable {

    private final Connection connection;

    private AccountLockedElsewhere(Connection connection) {
        this.connection = connection;
    }

    public static AccountLockedElsewhere lock(DataSource dataSource, String... accountIds) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            for (String accountId : accountIds) {
                lock.setLong(1, LedgerLocks.key(StreamIds.account(accountId)));
                lock.execute();
            }
        }
        return new AccountLockedElsewhere(connection);
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
