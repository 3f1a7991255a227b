package io.ledgerflow.command.axon;

import org.springframework.jdbc.core.JdbcTemplate;

/** PostgreSQL's current transaction snapshot, for {@link GapWatch}. */
public final class TransactionSnapshots {

    private TransactionSnapshots() {
    }

    public static GapWatch.Snapshot current(JdbcTemplate jdbc) {
        long takenNanos = System.nanoTime();
        return jdbc.queryForObject("select txid_snapshot_xmin(s), txid_snapshot_xmax(s) from txid_current_snapshot() s",
                (row, n) -> new GapWatch.Snapshot(row.getLong(1), row.getLong(2), takenNanos));
    }
}
