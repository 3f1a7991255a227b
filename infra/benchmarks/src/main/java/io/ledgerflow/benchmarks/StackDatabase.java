package io.ledgerflow.benchmarks;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The stack's PostgreSQL over JDBC: {@code -Dledgerflow.bench.jdbc-url} [jdbc:postgresql://localhost:15432/ledgerflow],
 * {@code .jdbc-user} / {@code .jdbc-password} [postgres / postgres]; a host other than loopback is refused.
 */
final class StackDatabase {

    private final String url;
    private final String user;
    private final String password;

    private StackDatabase(String url, String user, String password) {
        Targets.requireLoopback(LedgerAudit.JDBC_URL, URI.create(url.substring("jdbc:".length())).getHost());
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static StackDatabase fromSystemProperties() {
        return new StackDatabase(System.getProperty(LedgerAudit.JDBC_URL, "jdbc:postgresql://localhost:15432/ledgerflow"),
                System.getProperty("ledgerflow.bench.jdbc-user", "postgres"),
                System.getProperty("ledgerflow.bench.jdbc-password", "postgres"));
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    String url() {
        return url;
    }
}
