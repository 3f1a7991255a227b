package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the stack's PostgreSQL can do of the work one single-phase transfer gives it, with nothing else in the way:
 * the statements {@link TransferSql} captures from the command-service, driven directly over JDBC by
 * {@code ledgerflow.bench.baseline.threads} (8) client threads, one connection each, for
 * {@code .seconds} (20) after {@code .warmup-seconds} (3). Per transfer, in one transaction, as Axon's JDBC event
 * storage engine and {@code PostgresLedgerLocks} issue them:
 * <ol>
 *   <li>{@code pg_advisory_xact_lock} on the transfer's stream; its snapshot read and its (empty) event read;</li>
 *   <li>{@code pg_advisory_xact_lock} on both accounts' streams in key order; for each account its newest snapshot,
 *       then its events after the snapshot in batches of 100 until a batch is empty (Axon's reads);</li>
 *   <li>three event rows inserted in one JDBC batch (account credited, account debited, transfer posted); commit.</li>
 * </ol>
 * An account whose events since its snapshot pass {@code .snapshot-threshold} (100, the stack's default) gets a new
 * snapshot in a transaction of its own afterwards (read, insert, delete the older ones), as Axon's snapshotter does.
 * Payloads and metadata are copies of real rows of the ledger (read, never written). Everything is written to a
 * schema of its own, {@code bench_baseline}, with the ledger's table shapes and indexes, dropped at the start and at
 * the end: the ledger's tables and its global-index sequence are not touched. {@code .accounts} (200) accounts,
 * transfers between two random distinct ones.
 * <p>
 * Usage: {@code RawDatabaseBaseline <results.properties>}; database: {@link StackDatabase}.
 */
public final class RawDatabaseBaseline {

    static final String SCHEMA = "bench_baseline";
    private static final String COLUMNS = "eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, "
            + "payloadType, payloadRevision, payload, metaData";
    private static final String LOCK = "select pg_advisory_xact_lock(?)";
    private static final String READ_SNAPSHOT = "SELECT " + COLUMNS + " FROM " + SCHEMA
            + ".SnapshotEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber DESC";
    private static final String READ_EVENTS = "SELECT globalIndex, " + COLUMNS + " FROM " + SCHEMA
            + ".DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber >= ? AND sequenceNumber < ? ORDER BY sequenceNumber ASC";
    private static final String INSERT_EVENT = "INSERT INTO " + SCHEMA + ".DomainEventEntry (" + COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_SNAPSHOT = "INSERT INTO " + SCHEMA + ".SnapshotEventEntry (" + COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?)";
    private static final String DELETE_SNAPSHOTS = "DELETE FROM " + SCHEMA
            + ".SnapshotEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber < ?";
    private static final int BATCH = 100;
    private static final String EVENTS = "io.ledgerflow.events.";

    private final StackDatabase database;
    private final int threads = Integer.getInteger("ledgerflow.bench.baseline.threads", 8);
    private final int seconds = Integer.getInteger("ledgerflow.bench.baseline.seconds", 20);
    private final int warmupSeconds = Integer.getInteger("ledgerflow.bench.baseline.warmup-seconds", 3);
    private final int accounts = Integer.getInteger("ledgerflow.bench.baseline.accounts", 200);
    private final int snapshotThreshold = Integer.getInteger("ledgerflow.bench.baseline.snapshot-threshold", 100);
    private final Map<String, Template> templates = new LinkedHashMap<>();

    /** A payload and its metadata as the ledger stores them. */
    record Template(String payloadType, byte[] payload, byte[] metadata) {
    }

    private RawDatabaseBaseline(StackDatabase database) {
        this.database = database;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: RawDatabaseBaseline <results.properties>");
            System.exit(2);
        }
        RawDatabaseBaseline baseline = new RawDatabaseBaseline(StackDatabase.fromSystemProperties());
        if (baseline.threads < 1 || baseline.seconds < 1 || baseline.seconds > 300 || baseline.accounts < 2) {
            throw new IllegalArgumentException("baseline: threads >= 1, 1 <= seconds <= 300, accounts >= 2");
        }
        Properties results = baseline.run();
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            results.store(out, "raw PostgreSQL baseline: a single-phase transfer's statements over JDBC");
        }
        System.out.println("RawDatabaseBaseline: " + new java.util.TreeMap<>(results));
    }

    private Properties run() throws Exception {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(true);
            loadTemplates(connection);
            createSchema(connection);
            seed(connection);
        }
        try {
            Worker[] workers = new Worker[threads];
            for (int i = 0; i < threads; i++) {
                workers[i] = new Worker(i);
            }
            long start = System.nanoTime();
            long measureFrom = start + warmupSeconds * 1_000_000_000L;
            long end = measureFrom + seconds * 1_000_000_000L;
            List<Thread> running = new ArrayList<>();
            for (Worker worker : workers) {
                Thread thread = new Thread(() -> worker.run(measureFrom, end), "baseline-" + worker.index);
                thread.start();
                running.add(thread);
            }
            for (Thread thread : running) {
                thread.join();
            }
            return results(workers);
        } finally {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    private Properties results(Worker[] workers) throws SQLException {
        long transactions = 0;
        long snapshots = 0;
        Map<String, Long> statements = new LinkedHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        for (Worker worker : workers) {
            if (worker.failure != null) {
                throw worker.failure;
            }
            transactions += worker.transactions;
            snapshots += worker.snapshots;
            worker.statements.forEach((kind, count) -> statements.merge(kind, count, Long::sum));
            latencies.add(Arrays.copyOf(worker.latencies, worker.transactions));
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        Percentiles percentiles = new Percentiles(all);
        Properties results = new Properties();
        results.setProperty("threads", Integer.toString(threads));
        results.setProperty("seconds", Integer.toString(seconds));
        results.setProperty("accounts", Integer.toString(accounts));
        results.setProperty("transactions", Long.toString(transactions));
        results.setProperty("snapshots", Long.toString(snapshots));
        results.setProperty("tps", format(transactions / (double) seconds));
        results.setProperty("latency.p50", format(percentiles.millis(50)));
        results.setProperty("latency.p99", format(percentiles.millis(99)));
        double perTransfer = 1.0 / Math.max(transactions, 1);
        statements.forEach((kind, count) -> results.setProperty("statementsPerTransfer." + kind,
                String.format(Locale.ROOT, "%.2f", count * perTransfer)));
        return results;
    }

    private void loadTemplates(Connection connection) throws SQLException {
        for (String type : List.of("account.AccountOpened", "account.AccountCredited", "account.AccountDebited",
                "transfer.TransferPosted")) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT payload, metadata FROM public.domainevententry WHERE payloadtype = ? ORDER BY globalindex DESC LIMIT 1")) {
                select.setString(1, EVENTS + type);
                try (ResultSet row = select.executeQuery()) {
                    templates.put(type, row.next() ? new Template(EVENTS + type, row.getBytes(1), row.getBytes(2))
                            : new Template(EVENTS + type, filler(140), filler(160)));
                }
            }
        }
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT payloadtype, payload, metadata FROM public.snapshotevententry "
                     + "WHERE type = 'Account' ORDER BY sequencenumber DESC LIMIT 1")) {
            templates.put("snapshot", row.next() ? new Template(row.getString(1), row.getBytes(2), row.getBytes(3))
                    : new Template("io.ledgerflow.command.account.Account", filler(400), filler(160)));
        }
    }

    private static byte[] filler(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    /** The ledger's V1 migration, in a schema of its own. */
    private static void createSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("""
                    CREATE TABLE %s.domainevententry (
                        globalindex BIGSERIAL NOT NULL, aggregateidentifier VARCHAR(255) NOT NULL,
                        sequencenumber BIGINT NOT NULL, type VARCHAR(255), eventidentifier VARCHAR(255) NOT NULL,
                        metadata BYTEA, payload BYTEA NOT NULL, payloadrevision VARCHAR(255),
                        payloadtype VARCHAR(255) NOT NULL, timestamp VARCHAR(255) NOT NULL,
                        PRIMARY KEY (globalindex), UNIQUE (aggregateidentifier, sequencenumber), UNIQUE (eventidentifier))
                    """.formatted(SCHEMA));
            statement.execute("""
                    CREATE TABLE %s.snapshotevententry (
                        aggregateidentifier VARCHAR(255) NOT NULL, sequencenumber BIGINT NOT NULL,
                        type VARCHAR(255) NOT NULL, eventidentifier VARCHAR(255) NOT NULL, metadata BYTEA,
                        payload BYTEA NOT NULL, payloadrevision VARCHAR(255), payloadtype VARCHAR(255) NOT NULL,
                        timestamp VARCHAR(255) NOT NULL,
                        PRIMARY KEY (aggregateidentifier, sequencenumber), UNIQUE (eventidentifier))
                    """.formatted(SCHEMA));
        }
    }

    /** Each account opened and funded: two events, as the API's set-up leaves them. */
    private void seed(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            for (int i = 0; i < accounts; i++) {
                addEvent(insert, account(i), 0, "Account", templates.get("account.AccountOpened"));
                addEvent(insert, account(i), 1, "Account", templates.get("account.AccountCredited"));
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private static String account(int index) {
        return "account/baseline-" + index;
    }

    private static void addEvent(PreparedStatement insert, String aggregate, long sequence, String type, Template template)
            throws SQLException {
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

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** One client thread with its own connection. */
    private final class Worker {

        final int index;
        int transactions;
        long snapshots;
        long[] latencies = new long[1 << 14];
        final Map<String, Long> statements = new LinkedHashMap<>();
        SQLException failure;
        private boolean counting;
        private long next;

        Worker(int index) {
            this.index = index;
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
            try (ResultSet ignored = sql.lock.executeQuery()) {
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

        private void snapshot(Connection connection, Prepared sql, String stream) throws SQLException {
            Stream state = load(sql, stream);
            Template template = templates.get("snapshot");
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
}
