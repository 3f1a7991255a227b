package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * Read-your-writes lag: posts a transfer to the command-service, then polls the query-service's
 * {@code GET /api/v1/accounts/{id}} (with {@code If-None-Match}, so "not yet" is a cheap 304) until the debited
 * account's {@code version} moves. One sample at a time, so each measures an otherwise idle pipeline:
 * command-service → PostgreSQL → publisher → Kafka → query-service → MongoDB → read API.
 * <p>
 * Per sample: <b>command</b> = POST sent → 201 received; <b>projection</b> = 201 received → change visible
 * (what a client that just got its 201 waits for); <b>end-to-end</b> = the sum. Resolution is one poll
 * round trip plus {@code ledgerflow.bench.poll-millis} (default 2 ms).
 * <p>
 * Before sampling, the probe funds its account and waits until that deposit is visible: the <b>catch-up</b>, which
 * includes whatever backlog earlier load left behind. With the services' actuator metrics (admin token) it also
 * tells where that backlog was: not yet published to Kafka, or published but not yet consumed.
 * {@code -Dledgerflow.bench.samples=0} measures the catch-up only.
 * <p>
 * Bounded: {@code ledgerflow.bench.samples} (200) after {@code ledgerflow.bench.warmup} (10) unrecorded ones, each
 * poll loop at most 10 s, the whole run at most {@code ledgerflow.bench.max-seconds} (180 s). With
 * {@code ledgerflow.bench.results-file} the figures are also written there as properties.
 */
public final class ReadYourWritesLag {

    /** The stack's Kafka bootstrap servers: when set, the lag is split at the ledger topic ({@link LagStages}). */
    static final String KAFKA_BOOTSTRAP = "ledgerflow.kafka.bootstrap";
    static final String KAFKA_TOPIC = "ledgerflow.kafka.topic";
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(10);
    private static final String CURRENCY = "USD";
    private static final long FUNDING = 1_000_000_000L;

    private final LedgerClient writer;
    private final LedgerClient reader;
    private final String runId = RunIds.next();
    private final String debit = "lag-" + runId + "-a";
    private final String credit = "lag-" + runId + "-b";
    private final long pollMillis = Long.getLong("ledgerflow.bench.poll-millis", 2);
    private volatile long deadline;
    private final Properties results = new Properties();
    private long knownVersion;
    private int timeouts;
    private long polls;
    private long transfers;

    ReadYourWritesLag(LedgerClient writer, LedgerClient reader, Duration budget) {
        this.writer = writer;
        this.reader = reader;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    public static void main(String[] args) throws IOException {
        Targets targets = Targets.fromSystemProperties();
        int samples = Integer.getInteger("ledgerflow.bench.samples", 200);
        int warmup = Integer.getInteger("ledgerflow.bench.warmup", 10);
        Duration budget = Duration.ofSeconds(Long.getLong("ledgerflow.bench.max-seconds", 180));
        // operator writes, viewer reads: the roles of a payment front end and of a dashboard
        ReadYourWritesLag probe = new ReadYourWritesLag(
                new LedgerClient(targets, Tokens.clientCredentials(targets.token(), "operator")),
                new LedgerClient(targets, Tokens.clientCredentials(targets.token(), "viewer")),
                budget);
        probe.catchUp(PipelineCounters.tryCreate(targets));
        if (samples > 0) {
            probe.sample(samples, warmup);
        }
        // as the other harness mains take it: the results file as the first argument
        String file = args.length > 0 ? args[0] : System.getProperty("ledgerflow.bench.results-file");
        if (file != null) {
            Path path = Path.of(file).toAbsolutePath();
            Files.createDirectories(path.getParent());
            try (Writer out = Files.newBufferedWriter(path)) {
                probe.results.store(out, "read-your-writes lag, milliseconds");
            }
        }
    }

    /** A probe for use beside other load (no pipeline counters): operator writes, viewer reads. */
    static ReadYourWritesLag forLoad(Targets targets, Duration budget) {
        return new ReadYourWritesLag(new LedgerClient(targets, Tokens.clientCredentials(targets.token(), "operator")),
                new LedgerClient(targets, Tokens.clientCredentials(targets.token(), "viewer")), budget);
    }

    void catchUp(PipelineCounters counters) {
        PipelineCounters.Reading before = counters.read();
        writer.openAccount(debit, CURRENCY);
        writer.openAccount(credit, CURRENCY);
        long fundedAt = System.nanoTime();
        writer.deposit(debit, "lag-" + runId + "-funding", FUNDING);
        knownVersion = awaitFunded();
        double catchUpMillis = (System.nanoTime() - fundedAt) / 1e6;
        PipelineCounters.Reading after = counters.read();
        results.setProperty("catchUp", format(catchUpMillis));
        System.out.printf(Locale.ROOT, "lag probe: a deposit was visible on the query side %.0f ms after its 201"
                + " (includes any backlog of earlier load)%n", catchUpMillis);
        if (before == null || after == null) {
            return;
        }
        // 5 of the events published meanwhile are ours: 2 accounts opened, the deposit's debit, credit, TransferPosted
        long unpublished = Math.max(0, after.published() - before.published() - 5);
        long unconsumed = Math.max(0, before.published() - before.consumed());
        results.setProperty("backlog.unpublished", Long.toString(unpublished));
        results.setProperty("backlog.unconsumed", Long.toString(unconsumed));
        System.out.printf(Locale.ROOT, "lag probe: backlog before it: %d events not yet published to Kafka, %d published"
                + " but not yet consumed%n", unpublished, unconsumed);
        if (unpublished >= 100) {
            // the publisher was busy all along: its rate with the command side otherwise idle
            double publishRate = (after.published() - before.published()) / (catchUpMillis / 1000.0);
            results.setProperty("backlog.publishRate", String.format(Locale.ROOT, "%.0f", publishRate));
            System.out.printf(Locale.ROOT, "lag probe: the publisher drained it at %.0f events/s%n", publishRate);
        }
    }

    /** Samples until {@code window} has passed (or {@code samples} were recorded after {@code warmup}). */
    void sampleFor(Duration window, int samples, int warmup) {
        deadline = System.nanoTime() + window.toNanos();
        sample(samples, warmup);
    }

    /** The figures so far, as the results file has them, plus {@code polls} and {@code transfers}: the load it made. */
    Properties results() {
        Properties copy = new Properties();
        copy.putAll(results);
        copy.setProperty("polls", Long.toString(polls));
        copy.setProperty("transfers", Long.toString(transfers));
        return copy;
    }

    private void sample(int samples, int warmup) {
        long[] command = new long[samples];
        long[] projection = new long[samples];
        long[] endToEnd = new long[samples];
        LagStages stages = new LagStages(samples);
        int recorded = 0;
        try (KafkaArrivals arrivals = KafkaArrivals.startOrNull(System.getProperty(KAFKA_BOOTSTRAP),
                System.getProperty(KAFKA_TOPIC, "ledger.events.v1"), debit)) {
            for (int i = 0; i < warmup + samples && System.nanoTime() < deadline; i++) {
                long sent = System.nanoTime();
                LedgerClient.Response response = writer.transfer("lag-" + runId + "-" + i, debit, credit, 1, CURRENCY);
                transfers++;
                long acknowledged = System.nanoTime();
                if (response.status() != 201) {
                    throw new IllegalStateException("transfer " + i + ": HTTP " + response.status() + " " + response.body());
                }
                long visible = awaitNewVersion(acknowledged);
                long visibleWall = System.currentTimeMillis() - (System.nanoTime() - visible) / 1_000_000;
                // the debited account's one record of this transfer; after a timeout the records no longer pair up
                KafkaArrivals.Arrival arrival = arrivals == null || timeouts > 0 ? null : arrivals.next(Duration.ofSeconds(2));
                if (visible < 0 || i < warmup) {
                    continue;
                }
                command[recorded] = acknowledged - sent;
                projection[recorded] = visible - acknowledged;
                endToEnd[recorded] = visible - sent;
                stages.add(arrival, visibleWall);
                recorded++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("lag probe interrupted", e);
        }
        results.setProperty("samples", Integer.toString(recorded));
        results.setProperty("timeouts", Integer.toString(timeouts));
        put("command", Arrays.copyOf(command, recorded));
        put("projection", Arrays.copyOf(projection, recorded));
        put("endToEnd", Arrays.copyOf(endToEnd, recorded));
        stages.putInto(results);
        System.out.printf(Locale.ROOT, "lag probe: %d samples (%d timed out), poll interval %d ms%n", recorded, timeouts, pollMillis);
        for (String kind : new String[] {"command", "projection", "endToEnd"}) {
            System.out.printf(Locale.ROOT, "  %-10s p50 %s  p95 %s  p99 %s  max %s ms%n", kind,
                    results.getProperty(kind + ".p50"), results.getProperty(kind + ".p95"),
                    results.getProperty(kind + ".p99"), results.getProperty(kind + ".max"));
        }
        stages.print(results);
    }

    private long awaitFunded() {
        while (System.nanoTime() < deadline) {
            LedgerClient.Response response = reader.account(debit, null);
            polls++;
            if (response.status() == 200 && Json.longField(response.body(), "posted").orElse(0L) == FUNDING) {
                return Json.longField(response.body(), "version").orElseThrow();
            }
            pause();
        }
        throw new IllegalStateException("the funding deposit of " + debit + " did not reach the query side in time");
    }

    /** When the debited account's projection showed a version newer than the last one seen; -1 on timeout. */
    private long awaitNewVersion(long since) {
        long giveUp = since + SAMPLE_TIMEOUT.toNanos();
        String etag = "\"" + knownVersion + "\"";
        while (System.nanoTime() < giveUp) {
            LedgerClient.Response response = reader.account(debit, etag);
            polls++;
            long now = System.nanoTime();
            if (response.status() == 200) {
                long version = Json.longField(response.body(), "version").orElseThrow();
                if (version > knownVersion) {
                    knownVersion = version;
                    return now;
                }
            } else if (response.status() != 304) {
                throw new IllegalStateException("GET " + debit + ": HTTP " + response.status() + " " + response.body());
            }
            pause();
        }
        timeouts++;
        return -1;
    }

    private void pause() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void put(String kind, long[] nanos) {
        Percentiles percentiles = new Percentiles(nanos);
        results.setProperty(kind + ".p50", format(percentiles.millis(50)));
        results.setProperty(kind + ".p95", format(percentiles.millis(95)));
        results.setProperty(kind + ".p99", format(percentiles.millis(99)));
        results.setProperty(kind + ".max", format(percentiles.maxMillis()));
    }

    private static String format(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }
}
