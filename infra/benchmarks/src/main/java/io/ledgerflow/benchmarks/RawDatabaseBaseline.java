package io.ledgerflow.benchmarks;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What the stack's PostgreSQL can do of the work one single-phase transfer gives it, with nothing else in the way:
 * the statements {@link TransferSql} captures from the command-service, driven directly over JDBC by
 * {@code ledgerflow.bench.baseline.threads} (8) client threads, one connection each, for
 * {@code .seconds} (20) after {@code .warmup-seconds} (3). Per transfer, in one transaction, as the command-service
 * issues them (it keeps its aggregates, so it reads no events and no snapshots):
 * <ol>
 *   <li>one statement that sets the command's statement timeout and takes the advisory locks of the transfer's and
 *       both accounts' streams, in key order ({@code PostgresLedgerLocks.lockAll});</li>
 *   <li>one statement reading the three streams' last sequence numbers ({@code StreamSequences});</li>
 *   <li>three event rows inserted in one JDBC batch (account debited, account credited, transfer posted), which the
 *   driver sends as two multi-row inserts unless {@link StackDatabase} says otherwise, as for the command-service;
 *   commit.</li>
 * </ol>
 * When an account's new event is a multiple of {@code .snapshot-threshold} (100, the stack's default), a snapshot of
 * it is stored afterwards in a transaction of its own (insert, delete the older ones), as {@code KeptStateSnapshots}
 * has Axon's engine do. The report prints this worker's statements by kind beside the transaction
 * {@link TransferSql} captured from the service, and says so when they differ.
 * Payloads and metadata are copies of real rows of the ledger (read, never written). Everything is written to a
 * schema of its own, {@code bench_baseline}, with the ledger's table shapes and indexes, dropped at the start and at
 * the end: the ledger's tables and its global-index sequence are not touched. {@code .accounts} (200) accounts,
 * transfers between two random distinct ones.
 * <p>
 * Usage: {@code RawDatabaseBaseline <results.properties>}; database: {@link StackDatabase}.
 */
public final class RawDatabaseBaseline {

    static final String SCHEMA = "bench_baseline";
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
            BaselineWorker[] workers = new BaselineWorker[threads];
            for (int i = 0; i < threads; i++) {
                workers[i] = new BaselineWorker(database, i, accounts, snapshotThreshold, templates);
            }
            long start = System.nanoTime();
            long measureFrom = start + warmupSeconds * 1_000_000_000L;
            long end = measureFrom + seconds * 1_000_000_000L;
            List<Thread> running = new ArrayList<>();
            for (BaselineWorker worker : workers) {
                Thread thread = new Thread(() -> worker.run(measureFrom, end), "baseline-" + worker.index());
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

    private Properties results(BaselineWorker[] workers) throws SQLException {
        long transactions = 0;
        long snapshots = 0;
        Map<String, Long> statements = new LinkedHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        for (BaselineWorker worker : workers) {
            if (worker.failure() != null) {
                throw worker.failure();
            }
            transactions += worker.transactions();
            snapshots += worker.snapshots();
            worker.statements().forEach((kind, count) -> statements.merge(kind, count, Long::sum));
            latencies.add(worker.latencies());
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
        try (PreparedStatement insert = connection.prepareStatement(BaselineWorker.INSERT_EVENT)) {
            for (int i = 0; i < accounts; i++) {
                BaselineWorker.addEvent(insert, BaselineWorker.account(i), 0, "Account", templates.get("account.AccountOpened"));
                BaselineWorker.addEvent(insert, BaselineWorker.account(i), 1, "Account", templates.get("account.AccountCredited"));
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
