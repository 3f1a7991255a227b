package io.ledgerflow.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Issue 6's proof under load: a soak of {@code ledgerflow.bench.soak.seconds} (600) on 16 connections (one per
 * virtual user) mixing
 * <ul>
 *   <li><b>same-id retries</b> ({@code .retry-groups} × {@code .copies} users, 2 × 4): the users of a group send
 *       the same transfer (same id, same fields) at once, like a client retrying while its first attempt is in
 *       flight; a group waits (non-blocking, at most 2 s) until all of its users have their answer before the next
 *       id. Expected: one 201 and 200s (idempotent repeat), or 422 for all of them;</li>
 *   <li><b>unique transfers</b> ({@code .transfer-users}, 4): a new id each time;</li>
 *   <li><b>deposits and withdrawals</b> ({@code .operator-users}, 4): by the operator (money crosses the ledger's
 *       boundary only through an operator), 60 % deposits; a withdrawal may get 422.</li>
 * </ul>
 * Transfers are posted by the demo clients alice and bob, each between two of its own accounts
 * ({@code .accounts} per client and currency, 5, in USD and EUR, funded by the operator before the load).
 * <p>
 * It reports (printed, and as properties in {@code ledgerflow.bench.results-file}): the command-service's heap
 * after a full GC before the load, every {@code .heap-sample-seconds} (60) and after it ({@link HeapProbe});
 * responses by request and status, with the first 5xx and other unexpected answers listed; the event store's Σ
 * posted per currency, every accepted id applied exactly once (one TransferPosted, one AccountDebited, one
 * AccountCredited) and nothing applied for a rejected one; the projections' Σ posted per currency once they show
 * the event store's balances ({@code .catch-up-seconds}, 300, at most) ({@link LedgerAudit}). The verdict is
 * the line {@code MixedRetriesSoak verdict: PASS|FAIL (...)}; Gatling's own KO count covers unexpected statuses.
 */
public class MixedRetriesSoak extends Simulation {

    private static final String PREFIX = "ledgerflow.bench.soak.";
    private static final List<String> CLIENTS = List.of("alice", "bob");
    private static final List<String> CURRENCIES = List.of("USD", "EUR");
    private static final long FUNDING = 1_000_000;
    private static final long MAX_TRANSFER = 5_000;
    private static final long MAX_MOVEMENT = 4_000;
    private static final Duration GROUP_WAIT = Duration.ofSeconds(2);

    private final Targets targets = Targets.fromSystemProperties();
    private final Duration duration = Duration.ofSeconds(Integer.getInteger(PREFIX + "seconds", 600));
    private final int retryGroups = Integer.getInteger(PREFIX + "retry-groups", 2);
    private final int copies = Integer.getInteger(PREFIX + "copies", 4);
    private final int transferUsers = Integer.getInteger(PREFIX + "transfer-users", 4);
    private final int operatorUsers = Integer.getInteger(PREFIX + "operator-users", 4);
    private final int accountsPerClientAndCurrency = Integer.getInteger(PREFIX + "accounts", 5);
    private final Duration heapSampleEvery = Duration.ofSeconds(Integer.getInteger(PREFIX + "heap-sample-seconds", 60));
    private final Duration catchUp = Duration.ofSeconds(Integer.getInteger(PREFIX + "catch-up-seconds", 300));

    private final String runId = RunIds.next();
    private final long seed = ThreadLocalRandom.current().nextLong();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger retryUserSequence = new AtomicInteger();
    private final AtomicLong[] groupAnswers = new AtomicLong[Math.max(retryGroups, 1)];
    private final AtomicLong idSequence = new AtomicLong();
    private final SoakOutcomes outcomes = new SoakOutcomes();
    private HeapSampler heap;

    private final HttpProtocolBuilder protocol = http.baseUrl(Targets.base(targets.command()))
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            .authorizationHeader("Bearer #{token}");

    /** One of a client's accounts: {@code soak-<run>-<client>-<currency>-<i>}. */
    private String account(String client, String currency, int i) {
        return "soak-" + runId + "-" + client + "-" + currency + "-" + i;
    }

    private List<String> allAccounts() {
        List<String> accounts = new ArrayList<>();
        for (String client : CLIENTS) {
            for (String currency : CURRENCIES) {
                for (int i = 0; i < accountsPerClientAndCurrency; i++) {
                    accounts.add(account(client, currency, i));
                }
            }
        }
        return accounts;
    }

    /** A transfer between two accounts of one client and currency, the same for every user given the same random. */
    private Session transferFields(Session session, SplittableRandom random, String id) {
        String client = CLIENTS.get(random.nextInt(CLIENTS.size()));
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        int debit = random.nextInt(accountsPerClientAndCurrency);
        int credit = (debit + 1 + random.nextInt(accountsPerClientAndCurrency - 1)) % accountsPerClientAndCurrency;
        return session.set("transferId", id)
                .set("token", tokens.get(client))
                .set("debit", account(client, currency, debit))
                .set("credit", account(client, currency, credit))
                .set("currency", currency)
                .set("amount", random.nextLong(1, MAX_TRANSFER + 1));
    }

    private ChainBuilder postTransfer(String name) {
        return exec(http(name)
                .post("/api/v1/transfers")
                .body(StringBody("{\"id\":\"#{transferId}\",\"debitAccountId\":\"#{debit}\",\"creditAccountId\":\"#{credit}\","
                        + "\"amount\":#{amount},\"currency\":\"#{currency}\"}"))
                .check(status().saveAs("status"), bodyString().saveAs("body"), status().in(200, 201, 422)))
                .exec(session -> outcomes.record(name, session));
    }

    // during(..., false): a round always ends with its answer recorded (exitASAP would leave the loop right after
    // the request, before the outcome is counted)
    private final ScenarioBuilder retries = scenario("same-id retries")
            .exec(session -> {
                int user = retryUserSequence.getAndIncrement();
                return session.set("group", user / copies).set("round", 0L);
            })
            .exec(during(duration, false).on(
                    exec(session -> {
                        int group = session.getInt("group");
                        long round = session.getLong("round") + 1;
                        String id = "rt-" + runId + "-g" + group + "-" + round;
                        return transferFields(session.set("round", round), new SplittableRandom(seed ^ id.hashCode()), id);
                    })
                            .exec(outcomes::sent)
                            .exec(postTransfer("retried transfer"))
                            .exec(session -> {
                                groupAnswers[session.getInt("group")].incrementAndGet();
                                return session.set("waitUntil", System.nanoTime() + GROUP_WAIT.toNanos());
                            })
                            .exec(asLongAs(session -> groupAnswers[session.getInt("group")].get() < copies * session.getLong("round")
                                    && System.nanoTime() < session.getLong("waitUntil"))
                                    .on(pause(Duration.ofMillis(2))))));

    private final ScenarioBuilder uniqueTransfers = scenario("unique transfers")
            .exec(during(duration, false).on(
                    exec(session -> transferFields(session, new SplittableRandom(ThreadLocalRandom.current().nextLong()),
                            "ut-" + runId + "-" + idSequence.incrementAndGet()))
                            .exec(postTransfer("unique transfer"))));

    private final ScenarioBuilder movements = scenario("deposits and withdrawals")
            .exec(during(duration, false).on(
                    exec(session -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        String client = CLIENTS.get(random.nextInt(CLIENTS.size()));
                        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
                        return session.set("token", tokens.get("operator"))
                                .set("movementId", "mv-" + runId + "-" + idSequence.incrementAndGet())
                                .set("account", account(client, currency, random.nextInt(accountsPerClientAndCurrency)))
                                .set("amount", random.nextLong(1, MAX_MOVEMENT + 1))
                                .set("deposit", random.nextInt(100) < 60);
                    })
                            .exec(doIfOrElse(session -> session.getBoolean("deposit")).then(movement("deposit", "deposits", 201, 200))
                                    .orElse(movement("withdrawal", "withdrawals", 201, 200, 422)))));

    private ChainBuilder movement(String name, String path, Integer... expected) {
        return exec(http(name)
                .post("/api/v1/accounts/#{account}/" + path)
                .body(StringBody("{\"id\":\"#{movementId}\",\"amount\":#{amount}}"))
                .check(status().saveAs("status"), bodyString().saveAs("body"), status().in(expected)))
                .exec(session -> outcomes.record(name, session.set("transferId", session.getString("movementId"))));
    }

    {
        if (retryGroups < 0 || transferUsers < 0 || operatorUsers < 0 || copies < 1 || accountsPerClientAndCurrency < 2) {
            throw new IllegalArgumentException("soak: negative user counts, copies < 1 or accounts < 2");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException(PREFIX + "seconds must be in (0, 1800]: " + duration.toSeconds());
        }
        for (int i = 0; i < groupAnswers.length; i++) {
            groupAnswers[i] = new AtomicLong();
        }
        List<io.gatling.javaapi.core.PopulationBuilder> populations = new ArrayList<>();
        if (retryGroups > 0) {
            populations.add(retries.injectOpen(atOnceUsers(retryGroups * copies)));
        }
        if (transferUsers > 0) {
            populations.add(uniqueTransfers.injectOpen(atOnceUsers(transferUsers)));
        }
        if (operatorUsers > 0) {
            populations.add(movements.injectOpen(atOnceUsers(operatorUsers)));
        }
        setUp(populations).protocols(protocol).maxDuration(duration.plusSeconds(60));
    }

    @Override
    public void before() {
        System.out.printf("MixedRetriesSoak: %d s; %d groups x %d same-id retries, %d unique-transfer users, %d operator users"
                        + " (%d connections) at %s; run %s%n", duration.toSeconds(), retryGroups, copies, transferUsers,
                operatorUsers, retryGroups * copies + transferUsers + operatorUsers, targets.command(), runId);
        heap = new HeapSampler(HeapProbe.commandService(), heapSampleEvery);
        for (String id : List.of("alice", "bob", "operator")) {
            tokens.put(id, Tokens.clientCredentials(targets.token(), id));
        }
        LedgerClient operator = new LedgerClient(targets, tokens.get("operator"));
        for (String client : CLIENTS) {
            LedgerClient owner = new LedgerClient(targets, tokens.get(client));
            for (String currency : CURRENCIES) {
                for (int i = 0; i < accountsPerClientAndCurrency; i++) {
                    String account = account(client, currency, i);
                    owner.openAccount(account, currency);
                    operator.deposit(account, "fund-" + account, FUNDING);
                    outcomes.accepted.add("fund-" + account);
                }
            }
        }
        heap.start();
    }

    @Override
    public void after() {
        heap.stop();
        SoakReport report = new SoakReport(runId, duration, outcomes, heap.samples());
        report.audit(targets, LedgerAudit.fromSystemProperties(), catchUp);
        report.print();
    }
}
