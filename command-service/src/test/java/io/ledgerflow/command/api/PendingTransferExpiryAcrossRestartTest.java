package io.ledgerflow.command.api;

import io.ledgerflow.command.CommandServiceApplication;
import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.axon.Aggregates;
import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.EmbeddedInfrastructure;
import io.ledgerflow.testkit.EmbeddedPostgresServer;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import io.ledgerflow.testkit.http.Api;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service is stopped before a pending transfer's timeout passes and started again afterwards on the same
 * database: the expiry is not lost, it happens at the first poll after the start.
 */
class PendingTransferExpiryAcrossRestartTest {

    private final String database = "cmd_" + UUID.randomUUID().toString().replace("-", "");
    private final String url = EmbeddedInfrastructure.postgres().createDatabase(database);

    @Test
    void a_pending_transfer_due_while_the_service_was_down_expires_after_the_restart() throws Exception {
        String a = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
        // the first instance polls at start-up and then not for a minute: it is stopped long before that
        try (ConfigurableApplicationContext first = start("60s")) {
            Api alice = api(first, "alice");
            Api operator = api(first, "operator");
            assertThat(alice.post("/api/v1/accounts", "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}"
                    .formatted(a)).status()).isEqualTo(201);
            assertThat(alice.post("/api/v1/accounts", "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}"
                    .formatted(b)).status()).isEqualTo(201);
            assertThat(operator.post("/api/v1/accounts/" + a + "/deposits", "{\"id\":\"dep-1\",\"amount\":100}")
                    .status()).isEqualTo(201);
            Api.Response pending = alice.post("/api/v1/transfers", ("{\"id\":\"%s\",\"debitAccountId\":\"%s\","
                    + "\"creditAccountId\":\"%s\",\"amount\":30,\"currency\":\"USD\",\"pending\":true,"
                    + "\"timeoutSeconds\":2}").formatted(id, a, b));
            assertThat(pending.status()).as(pending.body()).isEqualTo(201);
        }
        Thread.sleep(2_500);
        // down while it fell due: still pending, still scheduled
        try (ConfigurableApplicationContext second = start("200ms")) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(balances(second, a)).isEqualTo(new Balances(100, 0, 0)));

            assertThat(balances(second, b)).isEqualTo(new Balances(0, 0, 0));
            assertThat(jdbc.queryForObject("select count(*) from domainevententry where payloadtype like"
                    + " '%TransferExpired'", Long.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from pending_expiries", Long.class)).isZero();
            Api.Response posted = api(second, "alice").post("/api/v1/transfers/" + id + "/post", "");
            assertThat(posted.status()).isEqualTo(422);
            assertThat(posted.code()).isEqualTo("TRANSFER_EXPIRED");
        }
    }

    /**
     * The job polls at start-up and then not for a minute, so a hold past its timeout still reserves when the
     * debit that needs its money arrives: that debit expires it first rather than being refused for good (a probe
     * found debits refused with a sticky INSUFFICIENT_FUNDS for as long as an expiry backlog lasted). A batch item
     * does the same, though a refused batch is not sticky: a client told 422 may not try again. A keyed request,
     * whose command runs inside its own transaction, is told to come back and then succeeds.
     */
    @Test
    void a_debit_or_batch_the_account_cannot_afford_while_a_due_hold_still_reserves_expires_the_hold_first()
            throws Exception {
        String a = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        try (ConfigurableApplicationContext service = start("60s")) {
            Api alice = api(service, "alice");
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            for (String account : List.of(a, b)) {
                assertThat(alice.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}"
                        .formatted(account)).status()).isEqualTo(201);
            }
            assertThat(api(service, "operator").post("/api/v1/accounts/" + a + "/deposits",
                    "{\"id\":\"dep-1\",\"amount\":100}").status()).isEqualTo(201);
            assertThat(hold(alice, "h-1", a, b, 100).status()).isEqualTo(201);
            Thread.sleep(1_500);

            Api.Response spent = alice.post("/api/v1/transfers", transfer("t-1", a, b, 60));

            assertThat(spent.status()).as(spent.body()).isEqualTo(201);
            assertThat(balances(service, a)).isEqualTo(new Balances(40, 0, 0));
            assertThat(alice.post("/api/v1/transfers/h-1/void", "").code()).isEqualTo("TRANSFER_EXPIRED");
            assertThat(events(jdbc, "TransferExpired")).isEqualTo(1);
            assertThat(events(jdbc, "TransferRejected")).isZero();

            assertThat(hold(alice, "h-2", a, b, 40).status()).isEqualTo(201);
            Thread.sleep(1_500);
            Api keyed = alice.with("Idempotency-Key", "k-" + UUID.randomUUID());
            Api.Response first = keyed.post("/api/v1/transfers", transfer("t-2", a, b, 40));

            assertThat(first.status()).as(first.body()).isEqualTo(503);
            assertThat(first.header("Retry-After")).isEqualTo("1");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(keyed.post("/api/v1/transfers", transfer("t-2", a, b, 40)).status()).isEqualTo(201));
            assertThat(balances(service, a)).isEqualTo(new Balances(0, 0, 0));
            assertThat(events(jdbc, "TransferExpired")).isEqualTo(2);
            assertThat(events(jdbc, "TransferRejected")).isZero();
            assertThat(jdbc.queryForObject("select count(*) from pending_expiries", Long.class)).isZero();

            // a batch whose second item needs the due hold's money: the hold is expired first, as for a transfer
            assertThat(api(service, "operator").post("/api/v1/accounts/" + a + "/deposits",
                    "{\"id\":\"dep-2\",\"amount\":100}").status()).isEqualTo(201);
            assertThat(hold(alice, "h-3", a, b, 70).status()).isEqualTo(201);
            Thread.sleep(1_500);
            Api.Response batch = alice.post("/api/v1/transfers/batch", "{\"transfers\":[%s,%s]}"
                    .formatted(transfer("t-3", a, b, 30), transfer("t-4", a, b, 70)));

            assertThat(batch.status()).as(batch.body()).isEqualTo(201);
            assertThat(balances(service, a)).isEqualTo(new Balances(0, 0, 0));
            assertThat(events(jdbc, "TransferExpired")).isEqualTo(3);

            assertThat(api(service, "operator").post("/api/v1/accounts/" + a + "/deposits",
                    "{\"id\":\"dep-3\",\"amount\":50}").status()).isEqualTo(201);
            assertThat(hold(alice, "h-4", a, b, 50).status()).isEqualTo(201);
            Thread.sleep(1_500);
            String keyedBatch = "{\"transfers\":[%s]}".formatted(transfer("t-5", a, b, 50));
            Api keyedAgain = alice.with("Idempotency-Key", "k-" + UUID.randomUUID());
            Api.Response keyedFirst = keyedAgain.post("/api/v1/transfers/batch", keyedBatch);

            assertThat(keyedFirst.status()).as(keyedFirst.body()).isEqualTo(503);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(keyedAgain.post("/api/v1/transfers/batch", keyedBatch).status()).isEqualTo(201));
            assertThat(balances(service, a)).isEqualTo(new Balances(0, 0, 0));
            assertThat(events(jdbc, "TransferExpired")).isEqualTo(4);
            assertThat(events(jdbc, "TransferRejected")).isZero();
        }
    }

    private static Api.Response hold(Api caller, String id, String debit, String credit, long amount) {
        return caller.post("/api/v1/transfers", ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":"
                + "\"%s\",\"amount\":%d,\"currency\":\"USD\",\"pending\":true,\"timeoutSeconds\":1}")
                .formatted(id, debit, credit, amount));
    }

    private static String transfer(String id, String debit, String credit, long amount) {
        return ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,"
                + "\"currency\":\"USD\"}").formatted(id, debit, credit, amount);
    }

    private static long events(JdbcTemplate jdbc, String type) {
        return jdbc.queryForObject("select count(*) from domainevententry where payloadtype like ?", Long.class,
                "%" + type);
    }

    private ConfigurableApplicationContext start(String expiryPollInterval) {
        EmbeddedPostgresServer postgres = EmbeddedInfrastructure.postgres();
        AuthorizationServer auth = AuthorizationServer.shared();
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + postgres.user(),
                "spring.datasource.password=" + postgres.password(),
                "spring.kafka.bootstrap-servers=" + EmbeddedInfrastructure.kafka().bootstrapServers(),
                "ledgerflow.kafka.topic=ledger.events.test." + database,
                "ledgerflow.kafka.partitions=1",
                "ledgerflow.security.issuer=" + auth.issuer(),
                "ledgerflow.security.jwk-set-uri=" + auth.jwkSetUri(),
                "ledgerflow.transfers.expiry-poll-interval=" + expiryPollInterval));
        // command-line arguments: they win over application.yml, as in production
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext context, String client) {
        String port = context.getEnvironment().getRequiredProperty("local.server.port");
        return new Api("http://localhost:" + port).as(AuthorizationServer.shared().token(client));
    }

    @SuppressWarnings("unchecked")
    private static Balances balances(ConfigurableApplicationContext context, String accountId) {
        Repository<Account> accounts = (Repository<Account>) context.getBeanProvider(
                ResolvableType.forClassWithGenerics(Repository.class, Account.class)).getObject();
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() ->
                Aggregates.find(accounts, StreamIds.account(accountId)).map(x -> x.invoke(Account::snapshot))
                        .map(AccountSnapshot::balances).orElseThrow()).getPayload();
    }
}
