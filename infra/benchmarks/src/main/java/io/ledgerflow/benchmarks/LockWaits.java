package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Samples, every 100 ms until a stop file appears, how many database sessions wait for an advisory lock: the
 * aggregate locks of the command-service (docs/architecture.md, "Lock order"). Under deposits into many accounts,
 * whose customer accounts and transfer ids do not collide, a wait is a wait for the settlement account.
 * <p>
 * Database: {@code -Dledgerflow.bench.jdbc-url} [jdbc:postgresql://localhost:15432/ledgerflow],
 * {@code .jdbc-user} / {@code .jdbc-password} [postgres / postgres]; a host other than loopback is refused.
 * Usage: {@code LockWaits <stop file> <results file>}.
 */
public final class LockWaits {

    private static final String WAITING = "select count(*) from pg_stat_activity where datname = current_database()"
            + " and wait_event_type = 'Lock' and wait_event = 'advisory'";

    private LockWaits() {
    }

    /** What the samples say: how often anyone waited, and how many on average. */
    public record Summary(int samples, int samplesWithAWaiter, double meanWaiting, int maxWaiting) {

        public static Summary of(List<Integer> waiting) {
            int withAWaiter = (int) waiting.stream().filter(count -> count > 0).count();
            double mean = waiting.stream().mapToInt(Integer::intValue).average().orElse(0);
            int max = waiting.stream().mapToInt(Integer::intValue).max().orElse(0);
            return new Summary(waiting.size(), withAWaiter, mean, max);
        }

        public String line() {
            return String.format(Locale.ROOT, "LockWaits: {samples=%d, samplesWithAWaiter=%d, share=%.0f %%, "
                            + "meanWaiting=%.2f, maxWaiting=%d}", samples, samplesWithAWaiter,
                    samples == 0 ? 0.0 : 100.0 * samplesWithAWaiter / samples, meanWaiting, maxWaiting);
        }
    }

    public static void main(String[] args) throws Exception {
        Path stop = Path.of(args[0]);
        Path results = Path.of(args[1]);
        String jdbcUrl = System.getProperty("ledgerflow.bench.jdbc-url", "jdbc:postgresql://localhost:15432/ledgerflow");
        Targets.requireLoopback("ledgerflow.bench.jdbc-url", URI.create(jdbcUrl.substring("jdbc:".length())).getHost());
        List<Integer> waiting = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl,
                System.getProperty("ledgerflow.bench.jdbc-user", "postgres"),
                System.getProperty("ledgerflow.bench.jdbc-password", "postgres"));
             PreparedStatement statement = connection.prepareStatement(WAITING)) {
            while (!Files.exists(stop)) {
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    waiting.add(row.getInt(1));
                }
                Thread.sleep(100);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sampling " + jdbcUrl + ": " + e.getMessage(), e);
        }
        String line = Summary.of(waiting).line();
        System.out.println(line);
        try {
            Files.writeString(results, line + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
