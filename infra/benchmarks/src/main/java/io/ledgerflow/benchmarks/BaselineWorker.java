package io.ledgerflow.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client thread of {@link RawDatabaseBaseline}, with a connection of its own: single-phase transfers between
 * random accounts, statement for statement as the command-service issues them (see there), until its end time;
 * counted (transactions, latencies, statements by kind, snapshots) from its measuring start.
 */
final class BaselineWorker {

    static final String SCHEMA = RawDatabaseBaseline.SCHEMA;
    private static final String COLUMNS = "eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, "
            + "payloadType, payloadRevision, payload, metaData";
    /** {@code PostgresLedgerLocks.lockAll}: the command's statement timeout and every lock, in key order. */
    private static final String LOCK_ALL = "with bound as (select set_config('statement_timeout', ?, true)) "
            + "select pg_advisory_xact_lock(k) from bound, unnest(?::bigint[]) with ordinality as t(k, n) order by n";
    private static final String STATEMENT_TIMEOUT_MILLIS = "10000";
    /** {@code StreamSequences}: the streams' last sequence numbers, checked against the aggregates the service keeps. */
    private static final String LAST_SEQUENCES = "select s.id, (select max(sequencenumber) from " + SCHEMA
            + ".domainevententry where aggregateidentifier = s.id) from unnest(?::varchar[]) as s(id)";
    static final String INSERT_EVENT = "INSERT INTO " + SCHEMA + ".DomainEventEntry (" + COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_SNAPSHOT = "INSERT INTO " + SCHEMA + ".SnapshotEventEntry (" + COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?)";
    private static final String DELETE_SNAPSHOTS = "DELETE FROM " + SCHEMA
            + ".SnapshotEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber < ?";

    private final StackDatabase database;
    private final int index;
    private final int accounts;
    private final int snapshotThreshold;
    private final Map<String, RawDatabaseBaseline.Template> templates;
    private final Map<String, Long> statements = new LinkedHashMap<>();
    private int transactions;
    private long snapshots;
    private long[] latencies = new long[1 << 14];
    private SQLException failure;
    private boolean counting;
    private long next;

    BaselineWorker(StackDatabase database, int index, int accounts, int snapshotThreshold,
                   Map<String, RawDatabaseBaseline.Template> templates) {
        this.database = database;
        this.index = index;
        this.accounts = accounts;
        this.snapshotThreshold = snapshotThreshold;
        this.templates = templates;
    }

    int index() {
        return index;
    }

    int transactions() {
        return transactions;
    }

    long snapshots() {
        return snapshots;
    }

    long[] latencies() {
        return Arrays.copyOf(latencies, transactions);
    }

    Map<String, Long> statements() {
        return statements;
    }

    SQLException failure() {
        return failure;
    }

    void run(long measureFrom, long end) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            Prepared sql = new Prepared(connection);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long now = System.nanoTime();
            while (now < end) {
                counting = now >= measureFrom;
                int debit = random.nextInt(accounts);
                int credit = (debit + 1 + random.nextInt(accounts - 1)) % accounts;
                long started = System.nanoTime();
                transfer(connection, sql, "transfer/baseline-" + index + "-" + next++, account(debit), account(credit));
                now = System.nanoTime();
                if (counting) {
                    if (transactions == latencies.length) {
                        latencies = Arrays.copyOf(latencies, latencies.length * 2);
                    }
                    latencies[transactions++] = now - started;
                }
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    private void transfer(Connection connection, Prepared sql, String transfer, String debit, String credit)
            throws SQLException {
        count("begin", 1); // sent by the driver before the first statement, as for the command-service
        lockAll(connection, sql, transfer, debit, credit);
        Map<String, Long> next = nextSequences(connection, sql, transfer, debit, credit);
        addEvent(sql.insert, debit, next.get(debit), "Account", templates.get("account.AccountDebited"));
        addEvent(sql.insert, credit, next.get(credit), "Account", templates.get("account.AccountCredited"));
        addEvent(sql.insert, transfer, next.get(transfer), "Transfer", templates.get("transfer.TransferPosted"));
        sql.insert.executeBatch();
        count("event-insert", database.insertStatements(3));
        connection.commit();
        count("commit", 1);
        for (String account : List.of(debit, credit)) {
            long sequence = next.get(account);
            if (sequence > 0 && sequence % snapshotThreshold == 0) {
                snapshot(connection, sql, account, sequence);
            }
        }
    }

    private void lockAll(Connection connection, Prepared sql, String... streams) throws SQLException {
        Long[] keys = Arrays.stream(streams).map(BaselineWorker::lockKey).sorted().toArray(Long[]::new);
        sql.lockAll.setString(1, STATEMENT_TIMEOUT_MILLIS);
        sql.lockAll.setArray(2, connection.createArrayOf("bigint", keys));
        try (ResultSet rows = sql.lockAll.executeQuery()) {
            while (rows.next()) {
                rows.getObject(1);
            }
        }
        count("lock", 1);
    }

    /** Each stream's next sequence number: one after its last, 0 for a new stream. */
    private Map<String, Long> nextSequences(Connection connection, Prepared sql, String... streams) throws SQLException {
        Map<String, Long> next = new HashMap<>();
        sql.lastSequences.setArray(1, connection.createArrayOf("varchar", streams));
        try (ResultSet rows = sql.lastSequences.executeQuery()) {
            while (rows.next()) {
                long last = rows.getLong(2);
                next.put(rows.getString(1), rows.wasNull() ? 0 : last + 1);
            }
        }
        count("event-read", 1);
        return next;
    }

    /**
     * As {@code KeptStateSnapshots} stores one after the commit that crossed the threshold: the account's state is
     * kept in memory, so nothing is read; Axon's engine inserts the snapshot and deletes the older ones.
     */
    private void snapshot(Connection connection, Prepared sql, String account, long sequence) throws SQLException {
        RawDatabaseBaseline.Template template = templates.get("snapshot");
        sql.insertSnapshot.setString(1, UUID.randomUUID().toString());
        sql.insertSnapshot.setString(2, account);
        sql.insertSnapshot.setLong(3, sequence);
        sql.insertSnapshot.setString(4, "Account");
        sql.insertSnapshot.setString(5, Instant.now().toString());
        sql.insertSnapshot.setString(6, template.payloadType());
        sql.insertSnapshot.setString(7, "1");
        sql.insertSnapshot.setBytes(8, template.payload());
        sql.insertSnapshot.setBytes(9, template.metadata());
        sql.insertSnapshot.executeUpdate();
        sql.deleteSnapshots.setString(1, account);
        sql.deleteSnapshots.setLong(2, sequence);
        sql.deleteSnapshots.executeUpdate();
        connection.commit();
        count("snapshot-write", 1);
        if (counting) {
            snapshots++;
        }
    }

    private void count(String kind, long statementsOfKind) {
        if (counting) {
            statements.merge(kind, statementsOfKind, Long::sum);
        }
    }

    /** One connection's prepared statements. */
    private static final class Prepared {
        final PreparedStatement lockAll;
        final PreparedStatement lastSequences;
        final PreparedStatement insert;
        final PreparedStatement insertSnapshot;
        final PreparedStatement deleteSnapshots;

        Prepared(Connection connection) throws SQLException {
            lockAll = connection.prepareStatement(LOCK_ALL);
            lastSequences = connection.prepareStatement(LAST_SEQUENCES);
            insert = connection.prepareStatement(INSERT_EVENT);
            insertSnapshot = connection.prepareStatement(INSERT_SNAPSHOT);
            deleteSnapshots = connection.prepareStatement(DELETE_SNAPSHOTS);
        }
    }

    static String account(int index) {
        return "account/baseline-" + index;
    }

    static void addEvent(PreparedStatement insert, String aggregate, long sequence, String type,
                         RawDatabaseBaseline.Template template) throws SQLException {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, aggregate);
        insert.setLong(3, sequence);
        insert.setString(4, type);
        insert.setString(5, Instant.now().toString());
        insert.setString(6, template.payloadType());
        insert.setString(7, "1");
        insert.setBytes(8, template.payload());
        insert.setBytes(9, template.metadata());
        insert.addBatch();
    }

    /** The advisory-lock key of a stream, as {@code LedgerLocks.key}; the streams' names are this schema's own. */
    static long lockKey(String streamId) {
        return UUID.nameUUIDFromBytes(("bench-baseline/" + streamId).getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }
}
