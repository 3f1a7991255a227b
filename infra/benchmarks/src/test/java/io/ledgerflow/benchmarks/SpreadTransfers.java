package io.ledgerflow.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Transfers spread over many accounts: before the load the operator opens {@code ledgerflow.bench.spread.accounts}
 * (50) USD accounts and funds each with 1,000,000 minor units; then random transfers (unique ids) between two
 * distinct accounts, 1–20,000 each. One in twenty ({@code .overdraw-percent}, 5) deliberately overdraws (an amount
 * no account holds): its expected answer is 422 INSUFFICIENT_FUNDS. An ordinary transfer may also get 422 once its
 * debit account ran dry; both count as success, and the share of each status is printed and written to
 * {@code ledgerflow.bench.results-file}.
 * <p>
 * Load (defaults): 16 users × 200 transfers, stopped after 120 s ({@code ledgerflow.bench.spread.users},
 * {@code .requests}, {@code .max-seconds}); with {@code .seconds} &gt; 0 each user sends transfers one after the other
 * for that long instead (issue 8's report: 200 accounts, 16 users, 60 s, no deliberate overdraws).
 * <p>
 * With {@code ledgerflow.bench.spread.idempotency-keys=true} each transfer also carries an {@code Idempotency-Key}.
 * <p>
 * {@code ledgerflow.bench.load-results-file}: the load window (first request to last answer), the transfers
 * posted (201) in it and their rate. With the stack's processes configured ({@link StackProcesses}), CPU snapshots
 * {@code spread-start} and {@code spread-end} bracket the load. With {@code ledgerflow.bench.backlog-results-file} it
 * then waits until the query side has caught up (see {@link #drain}), snapshot {@code spread-drained}.
 */
public class SpreadTransfers extends Simulation {

    private static final String CURRENCY = "USD";
    private static final long FUNDING = 1_000_000;
    private static final long MAX_AMOUNT = 20_000;
    private static final long OVERDRAW = 1_000_000_000_000L;

    private final Targets targets = Targets.fromSystemProperties();
    private final LoadShape load = LoadShape.fromSystemProperties("spread", 16, 200, 120);
    private final int accountCount = Integer.getInteger("ledgerflow.bench.spread.accounts", 50);
    private final int seconds = Integer.getInteger("ledgerflow.bench.spread.seconds", 0);
    private final int overdrawPercent = Integer.getInteger("ledgerflow.bench.spread.overdraw-percent", 5);
    private final boolean keyed = Boolean.getBoolean("ledgerflow.bench.spread.idempotency-keys");
    private final String runId = RunIds.next();
    private final List<String> accounts = IntStream.range(0, accountCount)
            .mapToObj(i -> "spread-" + runId + "-" + i).toList();
    private final AtomicLong transferSequence = new AtomicLong();
    private final Outcomes outcomes = new Outcomes();
    private final LoadWindow window = new LoadWindow();
    private volatile String token;

    private final HttpProtocolBuilder protocol = http.baseUrl(Targets.base(targets.command()))
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            .authorizationHeader("Bearer #{token}");

    private final ChainBuilder oneTransfer = exec(this::pickTransfer).exec(overdrawPercent == 0
            ? transfer("transfer", MAX_AMOUNT, 201, 422)
            : randomSwitch().on(
                    percent(100.0 - overdrawPercent).then(transfer("transfer", MAX_AMOUNT, 201, 422)),
                    percent(overdrawPercent).then(transfer("overdraw", 0, 422))));

    private final ScenarioBuilder transfers = scenario("spread transfers")
            .exec(session -> session.set("token", token))
            .exec(seconds > 0
                    ? during(Duration.ofSeconds(seconds), false).on(oneTransfer)
                    : repeat(load.requestsPerUser()).on(oneTransfer));

    {
        if (accountCount < 2) {
            throw new IllegalArgumentException("ledgerflow.bench.spread.accounts must be at least 2");
        }
        if (overdrawPercent < 0 || overdrawPercent > 100 || seconds < 0 || seconds > 600) {
            throw new IllegalArgumentException("ledgerflow.bench.spread: overdraw-percent in 0..100, seconds in 0..600");
        }
        setUp(transfers.injectOpen(atOnceUsers(load.users())))
                .protocols(protocol)
                .maxDuration(seconds > 0 ? Duration.ofSeconds(seconds + 30L) : load.maxDuration());
    }

    /** {@code maxAmount} 0: the overdrawing amount. */
    private ChainBuilder transfer(String name, long maxAmount, Integer... expected) {
        return exec(session -> session.set("amount",
                        maxAmount == 0 ? OVERDRAW : ThreadLocalRandom.current().nextLong(1, maxAmount + 1)))
                .exec(keyed(http(name).post("/api/v1/transfers"))
                        .body(StringBody("{\"id\":\"#{transferId}\",\"debitAccountId\":\"#{debit}\","
                                + "\"creditAccountId\":\"#{credit}\",\"amount\":#{amount},\"currency\":\"" + CURRENCY + "\"}"))
                        .check(status().saveAs("status"), status().in(expected)))
                .exec(session -> countStatus(name, session));
    }

    /** With {@code .idempotency-keys}, every request carries an {@code Idempotency-Key} (its transfer id), as careful clients send. */
    private HttpRequestActionBuilder keyed(HttpRequestActionBuilder request) {
        return keyed ? request.header("Idempotency-Key", "#{transferId}") : request;
    }

    private Session pickTransfer(Session session) {
        window.begin(() -> StackProcesses.snapshotIfConfigured("spread-start"));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int debit = random.nextInt(accountCount);
        int credit = (debit + 1 + random.nextInt(accountCount - 1)) % accountCount;
        return session.set("transferId", "tr-" + runId + "-" + transferSequence.incrementAndGet())
                .set("debit", accounts.get(debit))
                .set("credit", accounts.get(credit));
    }

    /** Status 0: no response at all (connection refused, timeout). */
    private Session countStatus(String request, Session session) {
        window.answered();
        outcomes.count(request, session.contains("status") ? session.getInt("status") : 0);
        return session.remove("status");
    }

    @Override
    public void before() {
        System.out.println("SpreadTransfers: " + (seconds > 0 ? load.users() + " users for " + seconds + " s" : load)
                + " between " + accountCount + " accounts, " + overdrawPercent + " % overdraws"
                + (keyed ? ", each with an Idempotency-Key" : "") + ", at " + targets.command());
        token = Tokens.clientCredentials(targets.token(), "operator");
        Funding.openAndFund(new LedgerClient(targets, token), accounts, CURRENCY, FUNDING);
    }

    @Override
    public void after() {
        StackProcesses.snapshotIfConfigured("spread-end");
        outcomes.report("SpreadTransfers");
        Properties results = window.describe("transfers", outcomes.snapshot().getOrDefault("transfer.201", 0L));
        results.setProperty("users", Integer.toString(load.users()));
        results.setProperty("accounts", Integer.toString(accountCount));
        results.setProperty("requests", Long.toString(outcomes.snapshot().values().stream().mapToLong(Long::longValue).sum()));
        System.out.println("SpreadTransfers load: " + new java.util.TreeMap<>(results));
        ResultsFile.storeIfConfigured("ledgerflow.bench.load-results-file", results, "SpreadTransfers: the load window");
        String backlog = System.getProperty("ledgerflow.bench.backlog-results-file");
        if (backlog != null && !backlog.isBlank()) {
            drain(Path.of(backlog));
        }
    }

    /**
     * Right after the load, before Gatling writes its reports: a {@link ReadYourWritesLag} catch-up (one deposit,
     * visible on the query side once the backlog the load left is projected), then the {@code spread-drained} CPU
     * snapshot, so that the publishing and projecting of this load counts towards its transfers.
     */
    private void drain(Path results) {
        try {
            ReadYourWritesLag probe = ReadYourWritesLag.forLoad(targets,
                    Duration.ofSeconds(Integer.getInteger("ledgerflow.bench.spread.drain-seconds", 120)));
            probe.catchUp(PipelineCounters.tryCreate(targets));
            StackProcesses.snapshotIfConfigured("spread-drained");
            ResultsFile.store(results, probe.results(), "SpreadTransfers: catch-up of the query side after the load");
        } catch (RuntimeException e) {
            System.out.println("SpreadTransfers: the query side did not catch up: " + e.getMessage());
        }
    }
}
