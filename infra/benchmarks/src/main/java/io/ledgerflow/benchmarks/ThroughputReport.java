package io.ledgerflow.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Issue 8's table: figure, measured, target, met? — from one pass of {@code run-benchmarks.sh} (one stack, one run):
 * <pre>
 *   transfer-sql.properties   TransferSql: the statements of one transfer's transaction, by kind
 *   baseline.properties       RawDatabaseBaseline: those statements over JDBC, 8 clients, tps
 *   spread/ spread-load.properties spread-statuses.properties   SpreadTransfers (200 accounts, 16 users, 60 s)
 *   spread-backlog.properties ReadYourWritesLag's catch-up right after it (how far behind the query side was)
 *   spread-keyed/             SpreadTransfers again for 30 s, an Idempotency-Key on every request
 *   lag-idle.properties       ReadYourWritesLag on the stack otherwise idle: the pipeline's own lag (a note)
 *   mix.properties            MixedLoad: lag probe at half the sustained rate, then reads at 1,000/s beside it
 *   batch.properties          BatchTransfers, batches of 100
 *   hot/ many/ many-16/       HotAccountDeposits, ManyAccountDeposits (Gatling's reports)
 *   hot-load.properties many-load.properties many-16-load.properties   their steady windows (rate, p99), if rated so
 *   catch-up.properties       ProjectionCatchUp: rebuild from offset zero
 *   cpu/*.properties          CpuSnapshot of every stack process: spread-start, spread-end, spread-drained,
 *                             mix-start, mix-reads, mix-end, catch-up-start, catch-up-end, end
 * </pre>
 * A row whose step left nothing says "not measured".
 */
final class ThroughputReport {

    private static final String NOT_MEASURED = "not measured";
    private static final String NONE = "-";

    private final ThroughputFigures figures;
    private final List<String[]> rows = new ArrayList<>();
    private final StringBuilder notes = new StringBuilder();

    private ThroughputReport(Path pass) {
        this.figures = new ThroughputFigures(pass);
    }

    static String render(Path pass) {
        ThroughputReport report = new ThroughputReport(pass);
        report.build();
        return report.table() + report.notes;
    }

    private void build() {
        Optional<Properties> baseline = figures.file("baseline.properties");
        OptionalDouble baselineTps = ThroughputFigures.number(baseline, "tps");
        row("raw PostgreSQL, the same statements over JDBC (8 clients)", baselineTps.isPresent()
                ? fmt("%,.0f tps (p50 %s ms, p99 %s ms)", baselineTps.getAsDouble(), baseline.get().getProperty("latency.p50"),
                baseline.get().getProperty("latency.p99")) : NOT_MEASURED, NONE, NONE);

        Optional<GatlingStats> spread = figures.gatling("spread");
        OptionalDouble tps = figures.spreadTransfersPerSecond();
        row("transfers/s, single-transfer API (200 accounts, 16 connections)", tps.isPresent() && spread.isPresent()
                        ? fmt("%,.1f/s (p50 %.0f ms, p99 %.0f ms)", tps.getAsDouble(), spread.get().p50(), spread.get().p99())
                        : NOT_MEASURED, ">= 1,000/s, p99 < 50 ms",
                tps.isPresent() && spread.isPresent() ? met(tps.getAsDouble() >= 1000 && spread.get().p99() < 50) : NONE);
        figures.file("spread-statuses.properties").ifPresent(s -> row("  statuses", new TreeMap<>(s).toString(), NONE, NONE));
        row("  sustained transfers/s / raw PostgreSQL tps", tps.isPresent() && baselineTps.isPresent()
                ? fmt("%.1f %%", 100 * tps.getAsDouble() / baselineTps.getAsDouble()) : NOT_MEASURED, NONE, NONE);

        figures.gatling("spread-keyed").ifPresent(keyed -> row("  the same load with an Idempotency-Key on each (30 s)",
                fmt("%,.1f/s (p50 %.0f ms, p99 %.0f ms)%s", keyed.requestsPerSecond(), keyed.p50(), keyed.p99(),
                        spread.map(plain -> fmt(", %.2fx the rate without", keyed.requestsPerSecond()
                                / plain.requestsPerSecond())).orElse("")), NONE, NONE));

        Map<String, Double> drained = figures.cpuPerTransfer("spread-drained");
        Map<String, Double> perTransfer = drained.isEmpty() ? figures.cpuPerTransfer("spread-end") : drained;
        row("CPU ms per transfer, all processes" + (drained.isEmpty() ? " (load window only)" : ""),
                perTransfer.isEmpty() ? NOT_MEASURED : fmt("%.2f ms", ThroughputFigures.total(perTransfer)), NONE, NONE);
        perTransfer.forEach((name, ms) -> row("  " + label(name), fmt("%.2f ms", ms), NONE, NONE));

        Optional<Properties> batch = figures.file("batch.properties");
        OptionalDouble batchRate = ThroughputFigures.number(batch, "batch.100.transfers-per-second");
        row("batch API, batches of 100 (transfers/s)", batchRate.isPresent() ? fmt("%,.0f/s", batchRate.getAsDouble())
                : NOT_MEASURED, ">= 10,000/s", batchRate.isPresent() ? met(batchRate.getAsDouble() >= 10_000) : NONE);
        Map<String, Double> perBatched = figures.cpuPerBatchedTransfer(100);
        if (!perBatched.isEmpty()) {
            row("  CPU ms per transfer in batches of 100, all processes", fmt("%.2f ms", ThroughputFigures.total(perBatched)),
                    NONE, NONE);
            perBatched.forEach((name, ms) -> row("    " + label(name), fmt("%.2f ms", ms), NONE, NONE));
        }

        Optional<ThroughputFigures.DepositRate> hot = figures.deposits("hot");
        row("deposits into one hot account (128 users)", hot.map(ThroughputReport::depositRate).orElse(NOT_MEASURED),
                ">= 1,000/s", hot.map(rate -> met(rate.perSecond() >= 1000)).orElse(NONE));
        Optional<ThroughputFigures.DepositRate> many = figures.deposits("many");
        Optional<ThroughputFigures.DepositRate> many16 = figures.deposits("many-16");
        row("deposits spread over 1,000 accounts (128 users)", many.map(rate -> depositRate(rate)
                        + many16.map(at16 -> fmt(", %.2fx its %,.1f/s at 16 users", rate.perSecond() / at16.perSecond(),
                                at16.perSecond())).orElse(""))
                .orElse(NOT_MEASURED), "scales with load, no @world lock", NONE);

        reads(perTransfer.get(StackProcesses.QUERY));
        lagAndCatchUp();
        memory();
        sqlNotes(baseline);
        cpuNotes();
    }

    private static String depositRate(ThroughputFigures.DepositRate rate) {
        return fmt("%,.1f/s (p99 %.0f ms%s)", rate.perSecond(), rate.p99(), rate.steady() ? ", steady window" : "");
    }

    /** Whether the pass has anything of this report (older run directories do not). */
    static boolean present(Path pass) {
        ThroughputFigures figures = new ThroughputFigures(pass);
        return figures.file("transfer-sql.properties").isPresent() || figures.file("baseline.properties").isPresent()
                || figures.file("spread-load.properties").isPresent() || figures.file("mix.properties").isPresent();
    }

    private void sqlNotes(Optional<Properties> baseline) {
        Optional<Properties> captured = figures.file("transfer-sql.properties");
        if (captured.isEmpty() && baseline.isEmpty()) {
            return;
        }
        notes.append(fmt("%nstatements per transfer (transfer-sql.txt has the captured transaction; 'catalog': the JDBC driver's"
                + " type lookups on a connection's first use, not counted in the total):%n"));
        captured.ifPresent(c -> notes.append(fmt("  command-service, captured with log_statement=all: %s%n", kinds(c, "statements."))));
        baseline.filter(b -> b.getProperty("statementsPerTransfer.lock") != null).ifPresent(b -> notes.append(fmt(
                "  raw baseline, average per transfer:                %s (%s snapshots taken)%n",
                kinds(b, "statementsPerTransfer."), b.getProperty("snapshots"))));
        captured.ifPresent(c -> baseline.ifPresent(b -> {
            String differences = baselineDifferences(c, b);
            if (!differences.isEmpty()) {
                notes.append(fmt("  WARNING: the baseline does not issue the service's statements (%s): its tps is not"
                        + " the same work; update BaselineWorker%n", differences));
            }
        }));
    }

    /** The kinds of statement in a transfer's own transaction whose counts differ by half a statement or more. */
    static String baselineDifferences(Properties captured, Properties baseline) {
        StringBuilder out = new StringBuilder();
        for (String kind : List.of("begin", "lock", "snapshot-read", "event-read", "event-insert", "commit")) {
            double service = Double.parseDouble(captured.getProperty("statements." + kind, "0"));
            double raw = Double.parseDouble(baseline.getProperty("statementsPerTransfer." + kind, "0"));
            if (Math.abs(service - raw) >= 0.5) {
                out.append(out.isEmpty() ? "" : ", ").append(fmt("%s: service %s, baseline %s", kind,
                        captured.getProperty("statements." + kind, "0"), baseline.getProperty("statementsPerTransfer." + kind, "0")));
            }
        }
        return out.toString();
    }

    private static String kinds(Properties properties, String prefix) {
        StringBuilder out = new StringBuilder();
        for (String kind : List.of("total", "begin", "lock", "snapshot-read", "event-read", "event-insert", "commit",
                "snapshot-write", "other", "catalog")) {
            String value = properties.getProperty(prefix + kind);
            if (value != null) {
                out.append(out.isEmpty() ? "" : ", ").append(kind).append(' ').append(value);
            }
        }
        return out.toString();
    }

    private void cpuNotes() {
        Map<String, Double> window = figures.cpuPerTransfer("spread-end");
        Map<String, Double> drained = figures.cpuPerTransfer("spread-drained");
        if (window.isEmpty()) {
            return;
        }
        notes.append(fmt("%nCPU ms per transfer by process over the single-transfer load (%s transfers; /proc/<pid>/stat"
                + " utime+stime, clock ticks):%n", (long) figures.spreadTransfers().orElse(0)));
        notes.append(fmt("  %-34s %14s %24s%n", "process", "load window", "load + draining backlog"));
        for (String name : StackProcesses.NAMES) {
            if (window.containsKey(name)) {
                notes.append(fmt("  %-34s %11.2f ms %21s%n", label(name), window.get(name),
                        drained.containsKey(name) ? fmt("%.2f ms", drained.get(name)) : NONE));
            }
        }
        notes.append(fmt("  %-34s %11.2f ms %21s%n", "all", ThroughputFigures.total(window),
                drained.isEmpty() ? NONE : fmt("%.2f ms", ThroughputFigures.total(drained))));
    }

    private void reads(Double queryPerTransfer) {
        Optional<Properties> mix = figures.file("mix.properties");
        OptionalDouble p99 = ThroughputFigures.number(mix, "reads.p99");
        OptionalDouble ok = ThroughputFigures.number(mix, "reads.ok");
        OptionalDouble seconds = ThroughputFigures.number(mix, "readSeconds");
        if (mix.isEmpty() || p99.isEmpty() || ok.isEmpty() || ok.getAsDouble() == 0) {
            row("account reads p99 at 1,000 reads/s beside transfers", NOT_MEASURED, "< 10 ms", NONE);
            row("query-service CPU ms per read", NOT_MEASURED, "<= 0.5 ms", NONE);
            return;
        }
        double achieved = ok.getAsDouble() / seconds.getAsDouble();
        double offered = ThroughputFigures.number(mix, "readRate").orElse(Double.NaN);
        row(fmt("account reads p99, %,.0f reads/s offered beside %s transfers/s", offered, mix.get().getProperty("transferRate")),
                fmt("%.0f ms (%,.0f reads/s answered)", p99.getAsDouble(), achieved), "< 10 ms at 1,000 reads/s",
                met(p99.getAsDouble() < 10 && offered >= 1000 && achieved >= 0.95 * offered));
        OptionalDouble queryMillis = figures.queryMillisInReadPhase();
        long transfers = (long) ThroughputFigures.number(mix, "readPhase.transfer.201").orElse(0);
        if (queryMillis.isEmpty()) {
            row("query-service CPU ms per read", NOT_MEASURED, "<= 0.5 ms", NONE);
            return;
        }
        double perRead = ThroughputFigures.cpuPerRead(queryMillis.getAsDouble(), queryPerTransfer == null ? 0 : queryPerTransfer,
                transfers, (long) ok.getAsDouble());
        row("query-service CPU ms per read (projection work subtracted)", fmt("%.2f ms", perRead), "<= 0.5 ms", met(perRead <= 0.5));
        notes.append(fmt("%nreads: query-service CPU %.0f ms in the read phase (%.0f s) for %,d reads and %,d transfers (%s/s of %s/s"
                        + " offered);", queryMillis.getAsDouble(), seconds.getAsDouble(), (long) ok.getAsDouble(), transfers,
                mix.get().getProperty("readPhase.transfersPerSecond", "?"), mix.get().getProperty("transferRate")));
        notes.append(fmt("%n       %.2f ms per read before subtracting %.2f ms per transfer of projection work%n",
                queryMillis.getAsDouble() / ok.getAsDouble(), queryPerTransfer == null ? 0 : queryPerTransfer));
    }

    private void lagAndCatchUp() {
        Optional<Properties> mix = figures.file("mix.properties");
        OptionalDouble lag = ThroughputFigures.number(mix, "lag.endToEnd.p99");
        long samples = (long) ThroughputFigures.number(mix, "lag.samples").orElse(0);
        long timeouts = (long) ThroughputFigures.number(mix, "lag.timeouts").orElse(0);
        String figure = mix.map(m -> fmt("projection end-to-end lag p99 at %s transfers/s (half)", m.getProperty("transferRate")))
                .orElse("projection end-to-end lag p99 at half the sustained rate");
        String reached = mix.map(m -> m.getProperty("lagPhase.transfersPerSecond", "?")).orElse("?");
        if (lag.isPresent() && samples > 0) {
            // a sample not visible within 10 s is not in the percentiles: any such one fails the target
            row(figure, fmt("%.0f ms (%d samples%s, p50 %s ms; %s transfers/s reached)", lag.getAsDouble(), samples,
                            timeouts > 0 ? fmt(" + %d not visible within 10 s", timeouts) : "",
                            mix.get().getProperty("lag.endToEnd.p50"), reached), "< 250 ms",
                    met(lag.getAsDouble() < 250 && timeouts == 0));
        } else if (timeouts > 0) {
            row(figure, fmt("> 10 s: none of %d samples visible within 10 s (%s transfers/s reached)", timeouts, reached),
                    "< 250 ms", met(false));
        } else {
            row(figure, NOT_MEASURED, "< 250 ms", NONE);
        }
        mix.filter(m -> m.getProperty("lag.stage.samples") != null).ifPresent(m -> notes.append(
                split("lag split where the ledger topic saw each probe transfer", m, "lag.")));
        // the pipeline's own latency: at half the sustained rate the CPU is saturated and the lag is mostly queueing
        figures.file("lag-idle.properties").filter(idle -> idle.getProperty("samples") != null).ifPresent(idle -> {
            notes.append(fmt("lag on the stack otherwise idle, one transfer at a time (%s samples, %s timed out): end-to-end"
                            + " p50 %s / p99 %s ms%n", idle.getProperty("samples"), idle.getProperty("timeouts"),
                    idle.getProperty("endToEnd.p50"), idle.getProperty("endToEnd.p99")));
            if (idle.getProperty("stage.samples") != null) {
                notes.append(split("  its split", idle, ""));
            }
        });

        Optional<Properties> catchUp = figures.file("catch-up.properties");
        OptionalDouble rate = ThroughputFigures.number(catchUp, "eventsPerSecond");
        boolean done = catchUp.map(c -> "true".equals(c.getProperty("done"))).orElse(false);
        row("projection catch-up, rebuild from offset zero", rate.isPresent()
                        ? fmt("%,.0f events/s (%s events%s%s)", rate.getAsDouble(), catchUp.get().getProperty("events"),
                        "false".equals(catchUp.get().getProperty("settled")) ? ", projections not settled before" : "",
                        done ? " in " + catchUp.get().getProperty("seconds") + " s" : ", NOT FINISHED: " + catchUp.get().getProperty("projected") + " rebuilt")
                        : NOT_MEASURED, ">= 10,000 events/s", rate.isPresent() ? met(done && rate.getAsDouble() >= 10_000) : NONE);
    }

    private static String split(String title, Properties lag, String prefix) {
        return fmt("%s (%s samples), p50 / p99 ms:%n"
                        + "       publish (event created -> publisher sent it) %s / %s; deliver (sent -> a consumer got it) %s / %s;%n"
                        + "       project (got -> the query-service's read showed it) %s / %s%n",
                title, lag.getProperty(prefix + "stage.samples"), stage(lag, prefix, "publish", "p50"),
                stage(lag, prefix, "publish", "p99"), stage(lag, prefix, "deliver", "p50"),
                stage(lag, prefix, "deliver", "p99"), stage(lag, prefix, "project", "p50"),
                stage(lag, prefix, "project", "p99"));
    }

    private static String stage(Properties lag, String prefix, String name, String percentile) {
        return lag.getProperty(prefix + "stage." + name + "." + percentile, "?");
    }

    private void memory() {
        Map<String, Long> peak = figures.peakRssKilobytes();
        for (String name : List.of(StackProcesses.COMMAND, StackProcesses.QUERY, StackProcesses.LAUNCHER, StackProcesses.AUTH)) {
            Long kb = peak.get(name);
            boolean service = StackProcesses.COMMAND.equals(name) || StackProcesses.QUERY.equals(name);
            row("max RSS (VmHWM), " + label(name), kb == null ? NOT_MEASURED : fmt("%.0f MB", kb / 1024.0),
                    service ? "< 512 MB" : NONE, kb == null || !service ? NONE : met(kb < 512 * 1024));
        }
    }

    static String label(String process) {
        return switch (process) {
            case StackProcesses.LAUNCHER -> "launcher JVM (Kafka + MongoDB)";
            case StackProcesses.POSTGRES -> "PostgreSQL (all processes)";
            default -> process;
        };
    }

    private static String met(boolean met) {
        return met ? "yes" : "no";
    }

    private void row(String figure, String measured, String target, String met) {
        rows.add(new String[] {figure, measured, target, met});
    }

    private String table() {
        int[] widths = {6, 8, 6, 4};
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        String format = "%-" + widths[0] + "s | %-" + widths[1] + "s | %-" + widths[2] + "s | %s%n";
        out.append(fmt(format, "figure", "measured", "target", "met?"));
        out.append("-".repeat(widths[0])).append("-+-").append("-".repeat(widths[1])).append("-+-")
                .append("-".repeat(widths[2])).append("-+-").append("-".repeat(4)).append('\n');
        rows.forEach(row -> out.append(fmt(format, (Object[]) row)));
        return out.toString();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
