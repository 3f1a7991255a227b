package io.ledgerflow.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
    private static final String LOCK = "select pg_advisory_xact_lock(?)";
    private static final String READ_SNAPSHOT = "SELECT " + COLUMNS + " FROM " + SCHEMA
            + ".SnapshotEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber DESC";
    private static final String READ_EVENTS = "SELECT globalIndex, " + COLUMNS + " FROM " + SCHEMA
            + ".DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber >= ? AND sequenceNumber < ? ORDER BY sequenceNumber ASC";
    static final String INSERT_EVENT = "INSERT INTO " + SCHEMA + ".DomainEventEntry (" + COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_SNAPSHOT = "INSERT INTO " + SCHEMA + ".SnapshotEventEntry (" + COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?)";
    private static final String DELETE_SNAPSHOTS = "DELETE FROM " + SCHEMA
            + ".SnapshotEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber < ?";
    private static final int BATCH = 100;
    private static final String UNIQUE_VIOLATION = "23505";

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
        lock(sql, transfer);
        Stream transferStream = load(sql, transfer);
        boolean debitFirst = lockKey(debit) <= lockKey(credit);
        lock(sql, debitFirst ? debit : credit);
        lock(sql, debitFirst ? credit : debit);
        Stream debited = load(sql, debit);
        Stream credited = load(sql, credit);
        addEvent(sql.insert, credit, credited.next(), "Account", templates.get("account.AccountCredited"));
        addEvent(sql.insert, debit, debited.next(), "Account", templates.get("account.AccountDebited"));
        addEvent(sql.insert, transfer, transferStream.next(), "Transfer", templates.get("transfer.TransferPosted"));
        sql.insert.executeBatch();
        count("event-insert", 3);
        connection.commit();
        count("commit", 1);
        for (Object[] stream : new Object[][] {{debit, debited}, {credit, credited}}) {
            if (((Stream) stream[1]).sinceSnapshot() + 1 > snapshotThreshold) {
                snapshot(connection, sql, (String) stream[0]);
            }
        }
    }

    private void lock(Prepared sql, String stream) throws SQLException {
        sql.lock.setLong(1, lockKey(stream));
        try (ResultSet row = sql.lock.executeQuery()) {
            row.next();
            count("lock", 1);
        }
    }

    /** The newest snapshot, then the events after it in batches until one is empty. */
    private Stream load(Prepared sql, String stream) throws SQLException {
        long snapshotSequence = -1;
        sql.readSnapshot.setString(1, stream);
        try (ResultSet rows = sql.readSnapshot.executeQuery()) {
            if (rows.next()) {
                snapshotSequence = rows.getLong(3);
                rows.getBytes(8);
            }
            count("snapshot-read", 1);
        }
        long last = snapshotSequence;
        int read = 0;
        while (true) {
            sql.readEvents.setString(1, stream);
            sql.readEvents.setLong(2, last + 1);
            sql.readEvents.setLong(3, last + 1 + BATCH);
            int batch = 0;
            try (ResultSet rows = sql.readEvents.executeQuery()) {
                while (rows.next()) {
                    last = rows.getLong(4);
                    rows.getBytes(9);
                    rows.getBytes(10);
                    batch++;
                }
                count("event-read", 1);
            }
            read += batch;
            if (batch == 0) {
                return new Stream(last, read);
            }
        }
    }

    /**
     * Like Axon's snapshotter, without the aggregate's lock: two snapshots of one state can race (a late one of an
     * earlier trigger reads the events a later transfer committed), and the loser's insert fails on the primary key.
     * Axon logs that and goes on; so does this, rolling back.
     */
    private void snapshot(Connection connection, Prepared sql, String stream) throws SQLException {
        try {
            writeSnapshot(connection, sql, stream);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback();
            count("snapshot-conflict", 1);
        }
    }

    private void writeSnapshot(Connection connection, Prepared sql, String stream) throws SQLException {
        Stream state = load(sql, stream);
        RawDatabaseBaseline.Template template = templates.get("snapshot");
        sql.insertSnapshot.setString(1, UUID.randomUUID().toString());
        sql.insertSnapshot.setString(2, stream);
        sql.insertSnapshot.setLong(3, state.last());
        sql.insertSnapshot.setString(4, "Account");
        sql.insertSnapshot.setString(5, Instant.now().toString());
        sql.insertSnapshot.setString(6, template.payloadType());
        sql.insertSnapshot.setString(7, "1");
        sql.insertSnapshot.setBytes(8, template.payload());
        sql.insertSnapshot.setBytes(9, template.metadata());
        sql.insertSnapshot.executeUpdate();
        sql.deleteSnapshots.setString(1, stream);
        sql.deleteSnapshots.setLong(2, state.last());
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

    /** A stream as read: its last sequence number (-1: none) and the events read after its snapshot. */
    private record Stream(long last, int sinceSnapshot) {
        long next() {
            return last + 1;
        }
    }

    /** One connection's prepared statements. */
    private static final class Prepared {
        final PreparedStatement lock;
        final PreparedStatement readSnapshot;
        final PreparedStatement readEvents;
        final PreparedStatement insert;
        final PreparedStatement insertSnapshot;
        final PreparedStatement deleteSnapshots;

        Prepared(Connection connection) throws SQLException {
            lock = connection.prepareStatement(LOCK);
            readSnapshot = connection.prepareStatement(READ_SNAPSHOT);
            readEvents = connection.prepareStatement(READ_EVENTS);
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
