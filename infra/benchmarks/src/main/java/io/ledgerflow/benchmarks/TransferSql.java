package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The SQL one single-phase transfer issues, seen by PostgreSQL itself: opens and funds two accounts, sends five
 * transfers to warm up, then turns on {@code log_statement = 'all'} ({@code ALTER SYSTEM} + {@code pg_reload_conf()}),
 * sends one more transfer, turns it off again ({@code ALTER SYSTEM RESET}) and reads the server log
 * ({@code -Dledgerflow.bench.postgres-log}, the stack's {@code <data dir>/logs/postgres.log}) from where it was. The
 * command's transaction is the one that names {@code 'transfer/<id>'} (see {@link StatementLog}).
 * <p>
 * Writes {@code <out dir>/transfer-sql.txt} (the statements with their parameters) and
 * {@code transfer-sql.properties} (counts by kind: lock, snapshot-read, event-read, event-insert, begin, commit,
 * other, and catalog: the JDBC driver's type lookups on a pooled connection's first use, not part of the total),
 * which {@link RawDatabaseBaseline} is checked against. Targets: {@link Targets}; database: {@link StackDatabase}.
 * Only for a throwaway stack: {@code ALTER SYSTEM} writes {@code postgresql.auto.conf}.
 */
public final class TransferSql {

    private static final String CURRENCY = "USD";

    private TransferSql() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TransferSql <out dir>");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Path log = Path.of(required("ledgerflow.bench.postgres-log"));
        Targets targets = Targets.fromSystemProperties();
        StackDatabase database = StackDatabase.fromSystemProperties();
        LedgerClient ledger = new LedgerClient(targets, Tokens.clientCredentials(targets.token(), "operator"));
        String run = RunIds.next();
        String debit = "sql-" + run + "-a";
        String credit = "sql-" + run + "-b";
        ledger.openAccount(debit, CURRENCY);
        ledger.openAccount(credit, CURRENCY);
        ledger.deposit(debit, "sql-" + run + "-funding", 1_000_000);
        for (int i = 0; i < 5; i++) {
            expect201(ledger.transfer("sql-" + run + "-warm-up-" + i, debit, credit, 1, CURRENCY));
        }
        Thread.sleep(500); // let the publisher pass, so that its statements do not interleave as much

        String transferId = "sql-" + run + "-captured";
        long from;
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            from = Files.size(log);
            statement.execute("ALTER SYSTEM SET log_statement = 'all'");
            statement.execute("SELECT pg_reload_conf()");
            Thread.sleep(500); // every backend rereads the configuration before its next command
            try {
                expect201(ledger.transfer(transferId, debit, credit, 7, CURRENCY));
                Thread.sleep(500);
            } finally {
                statement.execute("ALTER SYSTEM RESET log_statement");
                statement.execute("SELECT pg_reload_conf()");
            }
        }
        List<StatementLog.Statement> all = StatementLog.parse(tail(log, from));
        List<StatementLog.Statement> transaction = StatementLog.transactionNaming(all, "'transfer/" + transferId + "'")
                .orElseThrow(() -> new IllegalStateException("no statement naming transfer/" + transferId + " in " + log
                        + " (" + all.size() + " statements logged)"));
        write(out, transferId, transaction);
    }

    private static void write(Path out, String transferId, List<StatementLog.Statement> transaction) throws IOException {
        Files.createDirectories(out);
        StringBuilder text = new StringBuilder("-- the transaction of POST /api/v1/transfers " + transferId
                + " as PostgreSQL logged it (log_statement = all), backend " + transaction.get(0).pid() + "\n");
        for (StatementLog.Statement statement : transaction) {
            text.append(statement.sql().trim()).append(";\n");
            if (!statement.parameters().isEmpty()) {
                String parameters = statement.parameters();
                text.append("--   ").append(parameters.length() > 300 ? parameters.substring(0, 300) + " ..." : parameters).append('\n');
            }
        }
        Files.writeString(out.resolve("transfer-sql.txt"), text, StandardCharsets.UTF_8);
        Map<String, Integer> counts = StatementLog.countByKind(transaction);
        Properties properties = new Properties();
        counts.forEach((kind, count) -> properties.setProperty("statements." + kind, Integer.toString(count)));
        try (Writer writer = Files.newBufferedWriter(out.resolve("transfer-sql.properties"))) {
            properties.store(writer, "statements of one single-phase transfer's transaction, by kind");
        }
        System.out.print(text);
        System.out.println("-- by kind: " + counts);
    }

    /** The lines appended to {@code file} after byte {@code from}. */
    private static List<String> tail(Path file, long from) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(from);
            byte[] bytes = new byte[(int) Math.max(0, in.length() - from)];
            in.readFully(bytes);
            return Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expect201(LedgerClient.Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("transfer: HTTP " + response.status() + " " + response.body());
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-D" + property + " is required");
        }
        return value;
    }
}
