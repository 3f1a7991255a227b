package io.ledgerflow.benchmarks;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The stack's PostgreSQL over JDBC: {@code -Dledgerflow.bench.jdbc-url} [jdbc:postgresql://localhost:15432/ledgerflow],
 * {@code .jdbc-user} / {@code .jdbc-password} [postgres / postgres]; a host other than loopback is refused.
 * {@code .jdbc-rewrite-batched-inserts} [true]: whether a JDBC batch of inserts goes as multi-row inserts, as the
 * command-service's {@code DATABASE_REWRITE_BATCHED_INSERTS} says for its own, so that the baseline sends the same SQL.
 */
final class StackDatabase {

    private final String url;
    private final String user;
    private final String password;
    private final boolean rewriteBatchedInserts;

    private StackDatabase(String url, String user, String password, boolean rewriteBatchedInserts) {
        Targets.requireLoopback(LedgerAudit.JDBC_URL, URI.create(url.substring("jdbc:".length())).getHost());
        this.url = url;
        this.user = user;
        this.password = password;
        this.rewriteBatchedInserts = rewriteBatchedInserts;
    }

    static StackDatabase fromSystemProperties() {
        return new StackDatabase(System.getProperty(LedgerAudit.JDBC_URL, "jdbc:postgresql://localhost:15432/ledgerflow"),
                System.getProperty("ledgerflow.bench.jdbc-user", "postgres"),
                System.getProperty("ledgerflow.bench.jdbc-password", "postgres"),
                Boolean.parseBoolean(System.getProperty("ledgerflow.bench.jdbc-rewrite-batched-inserts", "true")));
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("reWriteBatchedInserts", Boolean.toString(rewriteBatchedInserts));
        return DriverManager.getConnection(url, properties);
    }

    /** How many statements the driver sends for a batch of that many inserts (a power of two of rows each). */
    int insertStatements(int rows) {
        return rewriteBatchedInserts ? Integer.bitCount(rows) : rows;
    }

    String url() {
        return url;
    }
}
