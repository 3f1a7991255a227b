package io.ledgerflow.benchmarks;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * Deposits spread over MANY accounts: before the load the operator opens {@code ledgerflow.bench.many.accounts}
 * (1,000) USD accounts; then every deposit goes to the next account in turn (a shared counter modulo the account
 * count), so requests in flight at the same time target different customer accounts. Each deposit is still a
 * transfer from {@code @world:USD}, posted to whichever of its shards is free: what every request shares is the
 * settlement account's shards. Compare with {@link HotAccountDeposits} (one customer account as well) and {@link SpreadTransfers}
 * (never touches {@code @world}).
 * <p>
 * Load ({@link DepositLoad}, {@code ledgerflow.bench.many.*}; the same defaults as HotAccountDeposits): 128 users ×
 * 200 deposits, stopped after 120 s; or, with {@code .seconds}, rated over a steady window. Expected outcome: 201 for
 * every deposit.
 */
public class ManyAccountDeposits extends Simulation {

    private static final String CURRENCY = "USD";

    private final Targets targets = Targets.fromSystemProperties();
    private final DepositLoad load = DepositLoad.fromSystemProperties("many");
    private final int accountCount = Integer.getInteger("ledgerflow.bench.many.accounts", 1000);
    private final String runId = RunIds.next();
    private final List<String> accounts = IntStream.range(0, accountCount)
            .mapToObj(i -> "many-" + runId + "-" + i).toList();
    private final AtomicLong depositSequence = new AtomicLong();
    private volatile String token;

    private final HttpProtocolBuilder protocol = http.baseUrl(Targets.base(targets.command()))
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            .authorizationHeader("Bearer #{token}");

    private final ScenarioBuilder deposits = scenario("many-account deposits")
            .exec(session -> session.set("token", token))
            .exec(load.eachUser(
                    exec(session -> {
                        long n = depositSequence.incrementAndGet();
                        return session.set("depositId", "dep-" + runId + "-" + n)
                                .set("account", accounts.get((int) (n % accountCount)));
                    }),
                    http("deposit")
                            .post("/api/v1/accounts/#{account}/deposits")
                            .body(StringBody("{\"id\":\"#{depositId}\",\"amount\":1}"))));

    {
        if (accountCount < load.users()) {
            throw new IllegalArgumentException("ledgerflow.bench.many.accounts must be at least the number of users ("
                    + load.users() + ") for the deposits in flight to target different accounts");
        }
        setUp(deposits.injectOpen(atOnceUsers(load.users())))
                .protocols(protocol)
                .maxDuration(load.maxDuration());
    }

    @Override
    public void before() {
        System.out.println("ManyAccountDeposits: " + load + " over " + accountCount + " accounts at " + targets.command());
        token = Tokens.clientCredentials(targets.token(), "operator");
        LedgerClient ledger = new LedgerClient(targets, token);
        for (String account : accounts) {
            ledger.openAccount(account, CURRENCY);
        }
    }

    @Override
    public void after() {
        load.report("ManyAccountDeposits");
    }
}
