package io.ledgerflow.benchmarks;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Many deposits into ONE account. Each deposit is a transfer from {@code @world:USD}, so every request locks,
 * loads and appends to the hot account and to a free shard of the settlement account. Without snapshots each load
 * replays both streams from the start, so the cost of a deposit grows with the number before it.
 * <p>
 * Load (defaults): 128 users × 200 deposits, stopped after 120 s ({@code ledgerflow.bench.hot.users},
 * {@code .requests}, {@code .max-seconds}). Expected outcome: 201 for every deposit. Each user waits for its answer
 * before the next deposit, so the users bound the rate at users / latency: with 8 users this measured the latency
 * of one deposit (about 220/s), not the rate the account takes when deposits arrive together and share a
 * transaction (see {@code ledgerflow.commands.grouping}).
 */
public class HotAccountDeposits extends Simulation {

    private static final String CURRENCY = "USD";

    private final Targets targets = Targets.fromSystemProperties();
    private final LoadShape load = LoadShape.fromSystemProperties("hot", 128, 200, 120);
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
            .exec(repeat(load.requestsPerUser()).on(
                    exec(session -> session.set("depositId", "dep-" + runId + "-" + depositSequence.incrementAndGet()))
                            .exec(http("deposit")
                                    .post("/api/v1/accounts/#{account}/deposits")
                                    .body(StringBody("{\"id\":\"#{depositId}\",\"amount\":1}"))
                                    .check(status().is(201)))));

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
}
