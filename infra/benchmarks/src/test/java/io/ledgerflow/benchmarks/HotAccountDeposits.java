package io.ledgerflow.benchmarks;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * Many deposits into ONE account. Each deposit is a transfer from {@code @world:USD}, so every request locks,
 * loads and appends to the hot account and to a free shard of the settlement account. Without snapshots each load
 * replays both streams from the start, so the cost of a deposit grows with the number before it.
 * <p>
 * Load ({@link DepositLoad}, {@code ledgerflow.bench.hot.*}): 128 users × 200 deposits, stopped after 120 s; or,
 * with {@code .seconds}, the users for {@code .settle-seconds} + {@code .seconds}, rated over the last
 * {@code .seconds}. Expected outcome: 201 for every deposit. Each user waits for its answer
 * before the next deposit, so the users bound the rate at users / latency: with 8 users this measured the latency
 * of one deposit (about 220/s), not the rate the account takes when deposits arrive together and share a
 * transaction (see {@code ledgerflow.commands.grouping}).
 */
public class HotAccountDeposits extends Simulation {

    private static final String CURRENCY = "USD";

    private final Targets targets = Targets.fromSystemProperties();
    private final DepositLoad load = DepositLoad.fromSystemProperties("hot");
    private final String runId = RunIds.next();
    private final String account = "hot-" + runId;
    private final AtomicLong depositSequence = new AtomicLong();
    private volatile String token;

    private final HttpProtocolBuilder protocol = http.baseUrl(Targets.base(targets.command()))
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            .authorizationHeader("Bearer #{token}");

    private final ScenarioBuilder deposits = scenario("hot-account deposits")
            .exec(session -> session.set("token", token).set("account", account))
            .exec(load.eachUser(
                    exec(session -> session.set("depositId", "dep-" + runId + "-" + depositSequence.incrementAndGet())),
                    http("deposit")
                            .post("/api/v1/accounts/#{account}/deposits")
                            .body(StringBody("{\"id\":\"#{depositId}\",\"amount\":1}"))));

    {
        setUp(deposits.injectOpen(atOnceUsers(load.users())))
                .protocols(protocol)
                .maxDuration(load.maxDuration());
    }

    @Override
    public void before() {
        System.out.println("HotAccountDeposits: " + load + " into " + account + " at " + targets.command());
        token = Tokens.clientCredentials(targets.token(), "operator");
        new LedgerClient(targets, token).openAccount(account, CURRENCY);
    }

    @Override
    public void after() {
        load.report("HotAccountDeposits");
    }
}
