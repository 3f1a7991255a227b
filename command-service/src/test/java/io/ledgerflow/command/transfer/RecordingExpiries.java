package io.ledgerflow.command.transfer;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PendingExpiries} without a database: the {@code pending_expiries} rows in a map, with the table's primary
 * key (a transfer is scheduled at most once) and {@link #due}'s order.
 */
public class RecordingExpiries extends PendingExpiries {

    private final Map<String, Instant> rows = new HashMap<>();
    private final Map<String, String> debitAccounts = new HashMap<>();
    private final Map<String, String> creditAccounts = new HashMap<>();

    public RecordingExpiries() {
        super(new JdbcTemplate());
    }

    @Override
    public void schedule(String transferId, String debitAccountId, String creditAccountId, Instant dueAt) {
        if (rows.putIfAbsent(transferId, dueAt) != null) {
            throw new IllegalStateException("pending_expiries already holds " + transferId);
        }
        debitAccounts.put(transferId, debitAccountId);
        creditAccounts.put(transferId, creditAccountId);
    }

    @Override
    void resolved(String transferId) {
        rows.remove(transferId);
        debitAccounts.remove(transferId);
        creditAccounts.remove(transferId);
    }

    @Override
    public List<String> dueOn(String debitAccountId, Instant now, int limit) {
        return dueAt(now).stream().filter(id -> debitAccountId.equals(debitAccounts.get(id))).limit(limit).toList();
    }

    @Override
    public List<String> dueReserving(String debitAccountId, String creditAccountId, Instant now, int limit) {
        return dueAt(now).stream().filter(id -> debitAccountId.equals(debitAccounts.get(id))
                || creditAccountId.equals(creditAccounts.get(id))).limit(limit).toList();
    }

    /** transfer id → due time, as the table holds them now. */
    public Map<String, Instant> rows() {
        return Map.copyOf(rows);
    }

    /** What {@link PendingExpiryJob} would read at {@code now}: due rows, oldest first. */
    public List<String> dueAt(Instant now) {
        return rows.entrySet().stream().filter(row -> !row.getValue().isAfter(now))
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }
}
