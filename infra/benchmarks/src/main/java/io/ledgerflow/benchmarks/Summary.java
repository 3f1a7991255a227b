package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The table {@code run-benchmarks.sh} prints at the end, from one run directory:
 * <pre>
 *   snapshots-on/hot/      Gatling results of HotAccountDeposits, snapshots every 100 events (the default)
 *   snapshots-on/lag.properties            ReadYourWritesLag: catch-up after the hot load, then the lag samples
 *   snapshots-on/spread/   Gatling results of SpreadTransfers
 *   snapshots-on/spread-keyed/   the same, 30 s, an Idempotency-Key on every request
 *   snapshots-on/spread-statuses.properties   the statuses SpreadTransfers counted
 *   snapshots-on/spread-backlog.properties    ReadYourWritesLag with 0 samples: catch-up after the spread load
 *   snapshots-on/many/     Gatling results of ManyAccountDeposits (deposits into 1,000 accounts, all from @world:USD,
 *                          128 users); snapshots-on/many-16/ the same at 16 users
 *   snapshots-on/half-transfers.properties    HalfTransferProbe: account lists that showed half a transfer
 *   snapshots-off/hot/     HotAccountDeposits again on a fresh stack, snapshot threshold 1,000,000
 * </pre>
 * Whatever is missing is left out. Usage: {@code java -cp target/classes io.ledgerflow.benchmarks.Summary <run dir>}.
 */
public final class Summary {

    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Summary <run directory>");
            System.exit(2);
        }
        System.out.print(render(Path.of(args[0])));
    }

    static String render(Path run) throws IOException {
        StringBuilder out = new StringBuilder();
        if (ThroughputReport.present(run.resolve("snapshots-on"))) {
            line(out, "Issue 8: throughput, single stack, one run (snapshots on):");
            out.append(ThroughputReport.render(run.resolve("snapshots-on"))).append('\n');
            line(out, "Per simulation, Gatling's own figures over each whole run (req/s = requests / the whole seconds the run"
                    + " touched, its first seconds included; the table above rates the single-transfer load over its load"
                    + " window and the deposit loads over their steady windows):");
        }
        Optional<GatlingStats> hotOn = GatlingStats.newestIn(run.resolve("snapshots-on").resolve("hot"));
        Optional<GatlingStats> hotOff = GatlingStats.newestIn(run.resolve("snapshots-off").resolve("hot"));
        Optional<GatlingStats> spread = GatlingStats.newestIn(run.resolve("snapshots-on").resolve("spread"));
        Optional<GatlingStats> spreadKeyed = GatlingStats.newestIn(run.resolve("snapshots-on").resolve("spread-keyed"));
        Optional<GatlingStats> many = GatlingStats.newestIn(run.resolve("snapshots-on").resolve("many"));
        Optional<GatlingStats> many16 = GatlingStats.newestIn(run.resolve("snapshots-on").resolve("many-16"));
        line(out, "%-36s %8s %5s %8s %7s %7s %7s %7s", "simulation", "requests", "KO", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms");
        hotOn.ifPresent(s -> row(out, "hot-account deposits, snapshots on", s));
        hotOff.ifPresent(s -> row(out, "hot-account deposits, snapshots off", s));
        spread.ifPresent(s -> row(out, "spread transfers (snapshots on)", s));
        spreadKeyed.ifPresent(s -> row(out, "spread transfers, Idempotency-Key", s));
        many16.ifPresent(s -> row(out, "many-account deposits, 16 users", s));
        many.ifPresent(s -> row(out, "many-account deposits (snapshots on)", s));
        properties(run.resolve("snapshots-on").resolve("spread-statuses.properties")).ifPresent(p -> statuses(out, p));
        if (hotOn.isPresent() && hotOff.isPresent()) {
            GatlingStats on = hotOn.get();
            GatlingStats off = hotOff.get();
            out.append('\n');
            line(out, "hot-account deposits, snapshots on vs off (same session, fresh stack each):");
            line(out, "  throughput on/off     %s", ratio(on.requestsPerSecond(), off.requestsPerSecond()));
            line(out, "  latency off/on        p50 %s   p95 %s   p99 %s", ratio(off.p50(), on.p50()),
                    ratio(off.p95(), on.p95()), ratio(off.p99(), on.p99()));
            if (on.requests() != off.requests()) {
                line(out, "  (unequal request counts: a run was stopped at its maximum duration)");
            }
        }
        if (many.isPresent() && spread.isPresent()) {
            out.append('\n');
            line(out, "many-account deposits (all debit @world:USD; users: the simulation's) vs spread transfers (never touch it;"
                    + " 16 users), same stack:");
            line(out, "  many-account deposits vs spread transfers (req/s)   %s",
                    ratio(many.get().requestsPerSecond(), spread.get().requestsPerSecond()));
            line(out, "  latency many/spread   p50 %s   p95 %s   p99 %s", ratio(many.get().p50(), spread.get().p50()),
                    ratio(many.get().p95(), spread.get().p95()), ratio(many.get().p99(), spread.get().p99()));
        }
        if (many.isPresent() && hotOn.isPresent()) {
            line(out, "  many-account vs hot-account deposits (req/s, snapshots on)   %s",
                    ratio(many.get().requestsPerSecond(), hotOn.get().requestsPerSecond()));
        }
        Optional<Properties> lag = properties(run.resolve("snapshots-on").resolve("lag.properties"));
        Optional<Properties> spreadBacklog = properties(run.resolve("snapshots-on").resolve("spread-backlog.properties"));
        lag.ifPresent(p -> lag(out, p));
        if (lag.isPresent() || spreadBacklog.isPresent()) {
            out.append('\n');
            line(out, "backlog between command and query side right after a load (publisher -> Kafka -> projections):");
            lag.ifPresent(p -> backlog(out, "hot-account deposits", p));
            spreadBacklog.ifPresent(p -> backlog(out, "spread transfers", p));
        }
        properties(run.resolve("snapshots-on").resolve("half-transfers.properties")).ifPresent(p -> halfTransfers(out, p));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, GatlingStats s) {
        line(out, "%-36s %8d %5d %8.1f %7.0f %7.0f %7.0f %7.0f", name, s.requests(), s.ko(), s.requestsPerSecond(),
                s.p50(), s.p95(), s.p99(), s.max());
    }

    /** Keys are {@code <request name>.<status>}; status 0 is no response. */
    private static void statuses(StringBuilder out, Properties counts) {
        Map<String, Long> byStatus = new TreeMap<>();
        long all = 0;
        for (String key : counts.stringPropertyNames()) {
            long count = Long.parseLong(counts.getProperty(key));
            byStatus.merge(key.substring(key.lastIndexOf('.') + 1), count, Long::sum);
            all += count;
        }
        StringBuilder shares = new StringBuilder();
        for (Map.Entry<String, Long> status : byStatus.entrySet()) {
            shares.append(String.format(Locale.ROOT, "  %s %.1f %%", "0".equals(status.getKey()) ? "no response" : status.getKey(),
                    100.0 * status.getValue() / Math.max(all, 1)));
        }
        line(out, "  spread statuses:%s   (%s)", shares, new TreeMap<>(counts));
    }

    private static void lag(StringBuilder out, Properties lag) {
        if (lag.getProperty("samples") == null) {
            return;
        }
        out.append('\n');
        line(out, "read-your-writes lag, one transfer at a time on an idle stack (%s samples, %s timed out), ms:",
                lag.getProperty("samples"), lag.getProperty("timeouts"));
        line(out, "  %-46s %7s %7s %7s %7s", "", "p50", "p95", "p99", "max");
        for (String[] kind : new String[][] {
                {"command", "command (POST sent -> 201)"},
                {"projection", "projection (201 -> visible on the query side)"},
                {"endToEnd", "end-to-end (POST sent -> visible)"}}) {
            line(out, "  %-46s %7s %7s %7s %7s", kind[1], lag.getProperty(kind[0] + ".p50"), lag.getProperty(kind[0] + ".p95"),
                    lag.getProperty(kind[0] + ".p99"), lag.getProperty(kind[0] + ".max"));
        }
    }

    /** PRODUCT.md: no reader may observe money debited but not credited; measured from outside. */
    private static void halfTransfers(StringBuilder out, Properties probe) {
        if (probe.getProperty("lists") == null) {
            return;
        }
        out.append('\n');
        line(out, "half transfers on the query side: one owner's %s accounts, %s writers moving money only among them for %s s"
                        + " (%s transfers);", probe.getProperty("accounts"), probe.getProperty("writers"),
                probe.getProperty("seconds"), probe.getProperty("transfers"));
        line(out, "  %s of %s account lists (%s %%) did not add up to what was deposited (largest difference %s);"
                        + " %s showed newer transfers than every list before them%s",
                probe.getProperty("halfLists"), probe.getProperty("lists"), probe.getProperty("halfPercent"),
                probe.getProperty("maxOff"), probe.getProperty("advancingLists", "?"),
                "true".equals(probe.getProperty("settled")) ? "; settled afterwards, showing every transfer"
                        : "; NOT SETTLED within 60 s afterwards");
    }

    /** How stale the query side was right after a load: from a probe's catch-up. */
    private static void backlog(StringBuilder out, String after, Properties probe) {
        if (probe.getProperty("catchUp") == null) {
            return;
        }
        line(out, "  after %-22s a new write was visible %6.1f s after its 201%s", after + ":",
                Double.parseDouble(probe.getProperty("catchUp")) / 1000,
                probe.getProperty("backlog.unpublished") == null ? "" : String.format(Locale.ROOT,
                        "; %s events were not yet published to Kafka, %s published but not consumed%s",
                        probe.getProperty("backlog.unpublished"), probe.getProperty("backlog.unconsumed"),
                        probe.getProperty("backlog.publishRate") == null ? ""
                                : "; the publisher drained " + probe.getProperty("backlog.publishRate") + " events/s"));
    }

    private static String ratio(double numerator, double denominator) {
        return denominator == 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", numerator / denominator);
    }

    private static Optional<Properties> properties(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return Optional.of(properties);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
