package io.ledgerflow.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Issue 8's figures that need a steady write load below saturation, at a constant rate: {@code .transfer-users} (32)
 * and {@code .read-users} (64) virtual users, one connection each, each sending one request every users/rate seconds
 * ({@code pace}). A service slower than that pace is offered less, never more than the users can have in flight: an
 * open model (a new connection per arrival) ran this client out of file descriptors against an overloaded stack.
 * The rates each phase reached are in the results.
 * <ol>
 *   <li><b>lag phase</b> ({@code ledgerflow.bench.mix.lag-seconds}, 30): transfers at {@code .transfer-rate} per second
 *       (the script passes half the sustained rate {@link SpreadTransfers} measured) between {@code .accounts} (200)
 *       funded accounts, and beside them a {@link ReadYourWritesLag} probe in a thread of its own (one transfer at a
 *       time on two accounts of its own, then polling the query side): end-to-end lag at that rate;</li>
 *   <li><b>read phase</b> ({@code .read-seconds}, 30): the same transfers go on, the probe has stopped, and account
 *       reads ({@code GET /api/v1/accounts/{id}} of a random one of the accounts, viewer token) arrive at
 *       {@code .read-rate} (1,000) per second.</li>
 * </ol>
 * Read latency is Gatling's response time of each read, counted here ({@link MillisHistogram}). With the stack's
 * processes configured ({@link StackProcesses}): CPU snapshots {@code mix-start}, {@code mix-reads} (the read phase
 * starts) and {@code mix-end}. Results in {@code ledgerflow.bench.results-file}: per phase the transfers answered 201,
 * reads by status, read percentiles, the lag probe's figures ({@code lag.*}).
 */
public class MixedLoad extends Simulation {

    private static final String CURRENCY = "USD";
    private static final long FUNDING = 1_000_000_000L;
    private static final int START_DELAY_SECONDS = 3;

    private final Targets targets = Targets.fromSystemProperties();
    private final double transferRate = Double.parseDouble(System.getProperty("ledgerflow.bench.mix.transfer-rate", "50"));
    private final double readRate = Double.parseDouble(System.getProperty("ledgerflow.bench.mix.read-rate", "1000"));
    private final int lagSeconds = Integer.getInteger("ledgerflow.bench.mix.lag-seconds", 30);
    private final int readSeconds = Integer.getInteger("ledgerflow.bench.mix.read-seconds", 30);
    private final int accountCount = Integer.getInteger("ledgerflow.bench.mix.accounts", 200);
    private final int transferUsers = Integer.getInteger("ledgerflow.bench.mix.transfer-users", 32);
    private final int readUsers = Integer.getInteger("ledgerflow.bench.mix.read-users", 64);
    private final String runId = RunIds.next();
    private final List<String> accounts = IntStream.range(0, accountCount).mapToObj(i -> "mix-" + runId + "-" + i).toList();
    private final AtomicLong transferSequence = new AtomicLong();
    private final Outcomes lagPhase = new Outcomes();
    private final Outcomes readPhase = new Outcomes();
    private final MillisHistogram readTimes = new MillisHistogram();
    private final LongAdder readsOk = new LongAdder();
    private final LoadWindow window = new LoadWindow();
    private volatile String operatorToken;
    private volatile String viewerToken;
    private volatile ReadYourWritesLag probe;
    private volatile Thread probeThread;
    private volatile long probeEndNanos;

    private final HttpProtocolBuilder commandProtocol = protocol(targets.command());
    private final HttpProtocolBuilder queryProtocol = protocol(targets.query());

    private final ScenarioBuilder transfers = scenario("transfers at a constant rate")
            .exec(session -> session.set("token", operatorToken))
            .exec(during(Duration.ofSeconds(lagSeconds + readSeconds), false).on(
                    pace(interval(transferUsers, transferRate))
                            .exec(this::pickTransfer)
                            .exec(http("transfer").post("/api/v1/transfers")
                                    .body(StringBody("{\"id\":\"#{transferId}\",\"debitAccountId\":\"#{debit}\","
                                            + "\"creditAccountId\":\"#{credit}\",\"amount\":#{amount},\"currency\":\"" + CURRENCY + "\"}"))
                                    .check(status().saveAs("status"), status().in(201, 422)))
                            .exec(session -> count("transfer", session))));

    private final ChainBuilder read = exec(session -> session.set("token", viewerToken)
            .set("account", accounts.get(ThreadLocalRandom.current().nextInt(accountCount))))
            .exec(http("read").get("/api/v1/accounts/#{account}")
                    .check(status().saveAs("status"), status().is(200), responseTimeInMillis().saveAs("millis")))
            .exec(this::countRead);

    private final ScenarioBuilder reads = scenario("account reads at a constant rate")
            .exec(during(Duration.ofSeconds(readSeconds), false).on(pace(interval(readUsers, readRate)).exec(read)));

    {
        if (transferRate <= 0 || readRate < 0 || lagSeconds < START_DELAY_SECONDS + 2 || readSeconds < 1
                || lagSeconds + readSeconds > 600 || accountCount < 2 || transferUsers < 1 || readUsers < 1) {
            throw new IllegalArgumentException("mix: transfer-rate > 0, read-rate >= 0, lag-seconds >= 5, read-seconds >= 1,"
                    + " at most 600 s in all, accounts >= 2, users >= 1");
        }
        // each user's first request spread over a second, so that they do not all fire at once (a ramp much shorter
        // than a second after nothingFor never started in Gatling 3.13)
        var transferLoad = transfers.injectOpen(rampUsers(transferUsers).during(Duration.ofSeconds(1)))
                .protocols(commandProtocol);
        if (readRate > 0) {
            setUp(transferLoad, reads.injectOpen(nothingFor(Duration.ofSeconds(lagSeconds)),
                    rampUsers(readUsers).during(Duration.ofSeconds(1))).protocols(queryProtocol))
                    .maxDuration(Duration.ofSeconds(lagSeconds + readSeconds + 20L));
        } else {
            setUp(transferLoad).maxDuration(Duration.ofSeconds(lagSeconds + readSeconds + 20L));
        }
    }

    /** Each of {@code users} sends one request per this interval: together {@code rate} per second. */
    static Duration interval(int users, double rate) {
        return Duration.ofNanos(Math.max(1, (long) (users / rate * 1e9)));
    }

    private static HttpProtocolBuilder protocol(java.net.URI base) {
        return http.baseUrl(Targets.base(base))
                .disableCaching() // Gatling would send If-None-Match with the ETags it saw: every read is a full one here
                .contentTypeHeader("application/json")
                .acceptHeader("application/json")
                .authorizationHeader("Bearer #{token}");
    }

    private Session pickTransfer(Session session) {
        window.begin(this::phases);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int debit = random.nextInt(accountCount);
        int credit = (debit + 1 + random.nextInt(accountCount - 1)) % accountCount;
        return session.set("transferId", "mix-" + runId + "-" + transferSequence.incrementAndGet())
                .set("debit", accounts.get(debit))
                .set("credit", accounts.get(credit))
                .set("amount", random.nextLong(1, 101));
    }

    private boolean inReadPhase() {
        return System.nanoTime() - window.startNanos() >= lagSeconds * 1_000_000_000L;
    }

    private Session count(String request, Session session) {
        (inReadPhase() ? readPhase : lagPhase).count(request, session.contains("status") ? session.getInt("status") : 0);
        return session.remove("status");
    }

    private Session countRead(Session session) {
        int status = session.contains("status") ? session.getInt("status") : 0;
        readPhase.count("read", status);
        if (status == 200 && session.contains("millis")) {
            readTimes.record(session.getInt("millis"));
            readsOk.increment();
        }
        return session.remove("status").remove("millis");
    }

    @Override
    public void before() {
        System.out.printf(Locale.ROOT, "MixedLoad: transfers at %.1f/s (%d users) for %d + %d s (lag probe in the first part),"
                + " reads at %.0f/s (%d users) in the last %d s, over %d accounts at %s / %s%n", transferRate, transferUsers,
                lagSeconds, readSeconds, readRate, readUsers, readSeconds, accountCount, targets.command(), targets.query());
        operatorToken = Tokens.clientCredentials(targets.token(), "operator");
        viewerToken = Tokens.clientCredentials(targets.token(), "viewer");
        Funding.openAndFund(new LedgerClient(targets, operatorToken), accounts, CURRENCY, FUNDING);
        probe = ReadYourWritesLag.forLoad(targets, Duration.ofSeconds(120));
        probe.catchUp(new PipelineCounters(targets, null)); // its accounts funded and visible before the load
    }

    /** From the first transfer on (its own thread): the snapshots and the probe, at their times. */
    private void phases() {
        StackProcesses.snapshotIfConfigured("mix-start");
        probeThread = new Thread(() -> {
            sleepUntil(START_DELAY_SECONDS);
            probe.sampleFor(Duration.ofSeconds(lagSeconds - START_DELAY_SECONDS - 1L), 10_000, 0);
            probeEndNanos = System.nanoTime();
        }, "lag-probe");
        probeThread.setDaemon(true);
        probeThread.start();
        sleepUntil(lagSeconds);
        StackProcesses.snapshotIfConfigured("mix-reads");
    }

    private void sleepUntil(int secondsAfterStart) {
        long wait = window.startNanos() + secondsAfterStart * 1_000_000_000L - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void after() {
        StackProcesses.snapshotIfConfigured("mix-end");
        double elapsed = (System.nanoTime() - window.startNanos()) / 1e9;
        join(probeThread);
        Properties results = new Properties();
        results.setProperty("transferRate", String.format(Locale.ROOT, "%.1f", transferRate));
        results.setProperty("readRate", String.format(Locale.ROOT, "%.0f", readRate));
        results.setProperty("lagSeconds", Integer.toString(lagSeconds));
        results.setProperty("readSeconds", Integer.toString(readSeconds));
        results.setProperty("elapsedSeconds", String.format(Locale.ROOT, "%.1f", elapsed));
        lagPhase.snapshot().forEach((key, count) -> results.setProperty("lagPhase." + key, Long.toString(count)));
        readPhase.snapshot().forEach((key, count) -> results.setProperty("readPhase." + key, Long.toString(count)));
        results.setProperty("reads.ok", Long.toString(readsOk.sum()));
        results.setProperty("lagPhase.transfersPerSecond", String.format(Locale.ROOT, "%.1f",
                lagPhase.snapshot().getOrDefault("transfer.201", 0L) / (double) lagSeconds));
        results.setProperty("readPhase.transfersPerSecond", String.format(Locale.ROOT, "%.1f",
                readPhase.snapshot().getOrDefault("transfer.201", 0L) / (double) readSeconds));
        for (double p : new double[] {50, 95, 99}) {
            results.setProperty("reads.p" + (int) p, String.format(Locale.ROOT, "%.0f", readTimes.percentile(p)));
        }
        results.setProperty("reads.max", String.format(Locale.ROOT, "%.0f", readTimes.max()));
        probe.results().forEach((key, value) -> results.setProperty("lag." + key, (String) value));
        // the probe's last sample may have run past the end of the lag phase: its polls then count as reads too
        results.setProperty("lag.overranSeconds", String.format(Locale.ROOT, "%.1f",
                Math.max(0, (probeEndNanos - window.startNanos()) / 1e9 - lagSeconds)));
        System.out.println("MixedLoad: " + new java.util.TreeMap<>(results));
        ResultsFile.storeIfConfigured("ledgerflow.bench.results-file", results, "MixedLoad: lag and read phases");
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
