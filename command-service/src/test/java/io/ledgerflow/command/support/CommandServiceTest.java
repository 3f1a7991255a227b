package io.ledgerflow.command.support;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.axon.Aggregates;
import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.testkit.EmbeddedInfrastructure;
import io.ledgerflow.testkit.EmbeddedPostgresServer;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The command-service as it runs: a real PostgreSQL event store, a real Kafka broker (embedded, over sockets)
 * and the real authorization server issuing the tokens (API calls are alice's, a client, unless said otherwise),
 * one database and topic for all classes that share this context (tests use unique ids), HTTP from outside.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// every test calls from 127.0.0.1: one address, thousands of requests (refused tokens count as anonymous ones, so
// that limit too). Not a dynamic property, so that a
// subclass's @TestPropertySource can lower it again (dynamic properties would win over it).
@TestPropertySource(properties = {
        "ledgerflow.rate-limits.per-address.capacity=1000000", "ledgerflow.rate-limits.per-address.per-second=1000000",
        "ledgerflow.rate-limits.outside-api.capacity=1000000", "ledgerflow.rate-limits.outside-api.per-second=1000000",
        "ledgerflow.rate-limits.anonymous.capacity=1000000", "ledgerflow.rate-limits.anonymous.per-second=1000000",
        "ledgerflow.rate-limits.batch-transfers.client.capacity=1000000",
        "ledgerflow.rate-limits.batch-transfers.client.per-second=1000000",
        "ledgerflow.rate-limits.batch-transfers.operator.capacity=1000000",
        "ledgerflow.rate-limits.batch-transfers.operator.per-second=1000000",
        "ledgerflow.commands.max-concurrent-batches-per-caller=8"})
public abstract class CommandServiceTest {

    protected static final String TOPIC = "ledger.events.test." + UUID.randomUUID();

    /** Set from a subclass's static initialiser to point the service at another broker than the shared one. */
    protected static volatile String kafkaOverride;

    /**
     * Set from a subclass's static initialiser (and cleared after it) to point the service at another key set; the
     * subclass needs a {@code @DynamicPropertySource} of its own, so that it gets a context of its own.
     */
    protected static volatile String jwkSetUriOverride;

    /**
     * Set from a subclass's static initialiser to reach PostgreSQL on another port (a proxy in front of the shared
     * server); the subclass needs a context of its own, as for the overrides above.
     */
    protected static volatile Integer databasePortOverride;

    /** Set from a subclass's static initialiser to use a PostgreSQL server of its own (settings of its own). */
    protected static volatile EmbeddedPostgresServer databaseServerOverride;

    @LocalServerPort
    int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    Repository<Account> accounts;

    protected Api api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedPostgresServer postgres = databaseServerOverride != null ? databaseServerOverride
                : EmbeddedInfrastructure.postgres();
        String database = "cmd_" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url", () -> {
            String url = postgres.createDatabase(database);
            return databasePortOverride == null ? url
                    : url.replace(":" + postgres.port() + "/", ":" + databasePortOverride + "/");
        });
        registry.add("spring.datasource.username", postgres::user);
        registry.add("spring.datasource.password", postgres::password);
        registry.add("spring.kafka.bootstrap-servers", () -> kafkaOverride != null ? kafkaOverride
                : EmbeddedInfrastructure.kafka().bootstrapServers());
        registry.add("ledgerflow.kafka.topic", () -> TOPIC);
        registry.add("ledgerflow.kafka.partitions", () -> 3);
        AuthorizationServer auth = AuthorizationServer.shared();
        registry.add("ledgerflow.security.issuer", auth::issuer);
        registry.add("ledgerflow.security.jwk-set-uri", () -> jwkSetUriOverride != null ? jwkSetUriOverride
                : auth.jwkSetUri());
        // no query-service runs beside these tests: the reconciliation answers 503 (see ReconciliationUnavailableTest)
        registry.add("ledgerflow.audit.reconciliation.query-service-url", () -> "http://127.0.0.1:1");
        for (String role : new String[]{"client", "operator", "auditor"}) {
            registry.add("ledgerflow.rate-limits.roles." + role + ".capacity", () -> 1_000_000);
            registry.add("ledgerflow.rate-limits.roles." + role + ".per-second", () -> 1_000_000);
        }
    }

    /**
     * Real tokens from the real authorization server (client credentials), reused per client for 10 minutes: they
     * live 15, and this module's tests may run longer than that on a slow machine.
     */
    protected static String tokenFor(String clientId) {
        return TOKENS.compute(clientId, (id, cached) -> cached != null && cached.fetchedAt().isAfter(
                Instant.now().minus(TOKEN_REUSE)) ? cached : new FetchedToken(AuthorizationServer.shared().token(id),
                Instant.now())).token();
    }

    private static final Duration TOKEN_REUSE = Duration.ofMinutes(10);
    private static final Map<String, FetchedToken> TOKENS = new ConcurrentHashMap<>();

    private record FetchedToken(String token, Instant fetchedAt) {
    }

    /** Unauthenticated. */
    protected Api anonymous;

    @BeforeEach
    void client() {
        anonymous = new Api("http://localhost:" + port);
        api = anonymous.as(tokenFor("alice"));
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The account as the event store replays it right now. */
    protected Optional<AccountSnapshot> replayed(String accountId) {
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() ->
                Aggregates.find(accounts, StreamIds.account(accountId)).map(a -> a.invoke(Account::snapshot))).getPayload();
    }

    /** For a settlement account ({@code @world:<CUR>}): its shards' posted balances summed, 0 before any. */
    protected long posted(String accountId) {
        if (SettlementAccounts.isSettlementAccount(accountId)) {
            return SettlementAccounts.shardIds(SettlementAccounts.currencyOf(accountId)).stream()
                    .map(this::replayed).flatMap(Optional::stream)
                    .mapToLong(shard -> shard.balances().posted()).sum();
        }
        return replayed(accountId).orElseThrow().balances().posted();
    }

    protected long storedEvents() {
        return jdbc.queryForObject("select count(*) from domainevententry", Long.class);
    }

    /** Runs the calls at once on {@code threads} threads and returns their results in order. */
    protected static List<Integer> runAll(List<Callable<Integer>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A two-phase transfer of alice's; {@code timeoutSeconds} may be null. */
    protected Api.Response pendingTransfer(String transferId, String from, String to, long amount, Long timeoutSeconds) {
        return api.post("/api/v1/transfers", ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\","
                + "\"amount\":%d,\"currency\":\"USD\",\"pending\":true,\"timeoutSeconds\":%s}")
                .formatted(transferId, from, to, amount, timeoutSeconds));
    }

    protected Api.Response postPending(String transferId, Long amount) {
        return api.post("/api/v1/transfers/" + transferId + "/post", amount == null ? "{}" : "{\"amount\":" + amount + "}");
    }

    protected Api.Response voidPending(String transferId) {
        return api.post("/api/v1/transfers/" + transferId + "/void", "");
    }

    /** posted, pendingDebits, pendingCredits of the account as the event store replays it. */
    protected Balances balances(String accountId) {
        return replayed(accountId).orElseThrow().balances();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String openAccount(String currency) {
        String id = unique("acc");
        Api.Response response = api.post("/api/v1/accounts",
                "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"%s\"}".formatted(id, currency));
        if (response.status() != 201) {
            throw new AssertionError("open failed: " + response);
        }
        return id;
    }

    /** {@code count} new accounts in {@code currency}, each holding {@code amount} deposited by the operator. */
    protected List<String> fundedAccounts(int count, String currency, long amount) {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String account = openAccount(currency);
            Api.Response funded = deposit(account, unique("seed"), amount);
            if (funded.status() != 201) {
                throw new AssertionError("funding failed: " + funded);
            }
            accounts.add(account);
        }
        return accounts;
    }

    /** Deposits are an operator's (a payment gateway's): money enters the ledger only that way. */
    protected Api.Response deposit(String accountId, String transferId, long amount) {
        return anonymous.as(tokenFor("operator")).post("/api/v1/accounts/" + accountId + "/deposits",
                "{\"id\":\"%s\",\"amount\":%d}".formatted(transferId, amount));
    }

    protected Api.Response withdraw(String accountId, String transferId, long amount) {
        return anonymous.as(tokenFor("operator")).post("/api/v1/accounts/" + accountId + "/withdrawals",
                "{\"id\":\"%s\",\"amount\":%d}".formatted(transferId, amount));
    }

    protected Api.Response transfer(String transferId, String from, String to, long amount, String currency) {
        return api.post("/api/v1/transfers", ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\","
                + "\"amount\":%d,\"currency\":\"%s\"}").formatted(transferId, from, to, amount, currency));
    }
}
