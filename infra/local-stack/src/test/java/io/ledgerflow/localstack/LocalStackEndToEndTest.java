package io.ledgerflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import io.ledgerflow.localstack.LedgerHttp.Response;
import io.ledgerflow.testkit.FreePorts;

/**
 * Ledgerflow as the README runs it: the launcher starts the real auth-server, command-service and
 * query-service jars (built by the reactor before this module) on the embedded infrastructure, and clients use
 * it over HTTP with tokens from the token endpoint. Skipped when the jars are not there (a scoped build).
 * <p>
 * One stack for the class, and the tests run in order on one ledger: the scenario (alice opens A and B in USD,
 * the operator deposits 10000 into A, alice transfers 2500 from A to B), what must not change it, what the topic holds, the
 * start-up report's commands, then two restarts on the same data directory.
 */
@EnabledIf("jarsBuilt")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(LocalStackEndToEndTest.class);
    private static final Path ROOT = ProjectRoot.find(Path.of(""));
    private static final Path COMMAND_JAR = ROOT.resolve("command-service/target/command-service-exec.jar");
    private static final Path QUERY_JAR = ROOT.resolve("query-service/target/query-service-exec.jar");
    private static final Path AUTH_JAR = ROOT.resolve(LocalStackConfig.AUTH_SERVER_JAR);
    private static final String TRANSFER_A_TO_B = """
            {"id":"t-1","debitAccountId":"A","creditAccountId":"B","amount":%d,"currency":"USD"}""";
    private static final String OVERDRAFT = """
            {"id":"t-2","debitAccountId":"A","creditAccountId":"B","amount":100000,"currency":"USD"}""";
    private static final List<String> CLOUD_EVENT_HEADERS = List.of("ce_id", "ce_type", "ce_source", "ce_subject", "ce_time", "ce_specversion");

    @TempDir
    static Path data;
    static LocalStackConfig config;
    static LocalStack stack;
    static Instant transferAnswered;
    /** The settlement account: dep-1, then the start-up report's demo deposit too. */
    static long worldPosted = -10_000;

    private final LedgerHttp http = new LedgerHttp();

    static boolean jarsBuilt() {
        return Stream.of(COMMAND_JAR, QUERY_JAR, AUTH_JAR).allMatch(LocalStackEndToEndTest::isExecutableJar);
    }

    @BeforeAll
    static void startStack() {
        config = configWithAuthServerPort(Ports.resolve(0));
        start("first start", true);
    }

    /**
     * Ephemeral ports, except one authorization server port for all three starts: the issuer stays the same across
     * restarts, as with the default 9000, so tokens issued before a restart stay valid.
     */
    private static LocalStackConfig configWithAuthServerPort(int authServerPort) {
        LocalStackConfig ephemeral = LocalStackConfig.ephemeral(data.resolve("stack"), COMMAND_JAR, QUERY_JAR, AUTH_JAR);
        return new LocalStackConfig(ephemeral.dataDirectory(), ephemeral.workingDirectory(), COMMAND_JAR, QUERY_JAR,
                AUTH_JAR, 0, 0, 0, 0, 0, authServerPort, true, ephemeral.databaseName(), ephemeral.javaExecutable(),
                ephemeral.serviceJvmOptions(), ephemeral.healthTimeout(), ephemeral.restartPolicy());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            timed("stop", () -> {
                stack.close();
                return null;
            });
        }
    }

    @Test
    @Order(1)
    void aTransferShowsInTheQueryServiceWithinSeconds() {
        String alice = stack.accessToken("alice");
        for (String account : List.of("A", "B")) {
            Response opened = command("/api/v1/accounts", alice, "{\"id\":\"" + account + "\",\"currency\":\"USD\"}");
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            assertThat(opened.json().path("ownerId").asText()).as("the owner defaults to the caller").isEqualTo("alice");
        }
        // deposits and withdrawals are an operator's: money crosses the ledger's boundary
        Response deposit = command("/api/v1/accounts/A/deposits", stack.accessToken("operator"), "{\"id\":\"dep-1\",\"amount\":10000}");
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(201);

        long sent = System.nanoTime();
        Response transfer = command("/api/v1/transfers", alice, TRANSFER_A_TO_B.formatted(2500));
        long answered = System.nanoTime();
        transferAnswered = Instant.now();
        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(201);
        assertThat(transfer.json().path("status").asText()).isEqualTo("POSTED");
        awaitProjection().untilAsserted(() -> {
            assertThat(posted("A", alice)).isEqualTo(7_500);
            assertThat(posted("B", alice)).isEqualTo(2_500);
        });
        long shown = System.nanoTime();
        log.info("Transfer command to projection: {} ms (the command answered in {} ms, the query side showed A=7500 and B=2500 {} ms later)",
                millis(shown - sent), millis(answered - sent), millis(shown - answered));

        awaitProjection().untilAsserted(() -> assertLedgerProjected(alice));
    }

    @Test
    @Order(2)
    void theSameTransferAgainAnswers200AndChangesNothing() {
        String alice = stack.accessToken("alice");
        Response repeat = command("/api/v1/transfers", alice, TRANSFER_A_TO_B.formatted(2500));
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
        assertThat(repeat.json().path("id").asText()).isEqualTo("t-1");
        assertThat(repeat.json().path("amount").asLong()).isEqualTo(2500);
        assertThat(repeat.json().path("status").asText()).isEqualTo("POSTED");
        // and no new event: see theTopicHoldsEveryEventAsACloudEventKeyedByItsAggregate
        assertLedgerProjected(alice);
    }

    @Test
    @Order(3)
    void theSameTransferIdWithAnotherAmountAnswers409() {
        String alice = stack.accessToken("alice");
        Response conflict = command("/api/v1/transfers", alice, TRANSFER_A_TO_B.formatted(2600));
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.json().path("code").asText()).isEqualTo("ID_EXISTS_WITH_DIFFERENT_FIELDS");
        assertThat(conflict.json().path("fields").toString()).contains("amount");
        assertLedgerProjected(alice);
    }

    @Test
    @Order(4)
    void anOverdraftAnswers422() {
        String alice = stack.accessToken("alice");
        Response overdraft = command("/api/v1/transfers", alice, OVERDRAFT);
        assertThat(overdraft.status()).as(overdraft.toString()).isEqualTo(422);
        assertThat(overdraft.contentType()).startsWith("application/problem+json");
        assertThat(overdraft.json().path("code").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertLedgerProjected(alice);
    }

    @Test
    @Order(5)
    void theTopicHoldsEveryEventAsACloudEventKeyedByItsAggregate() {
        // the rejection of t-2 is an event too, published right after the 422
        List<ConsumerRecord<String, byte[]>> records = await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(30))
                .until(() -> TopicRecords.readAll(stack.kafkaBootstrapServers(), StartupReport.TOPIC),
                        all -> all.stream().anyMatch(record -> "t-2".equals(record.key())));

        for (ConsumerRecord<String, byte[]> record : records) {
            for (String header : CLOUD_EVENT_HEADERS) {
                assertThat(TopicRecords.header(record, header)).as("%s of %s", header, record).isPresent();
            }
            assertThat(TopicRecords.header(record, "ce_specversion")).contains("1.0");
            assertThat(TopicRecords.header(record, "ce_source")).contains("/ledgerflow/command-service");
            assertThat(TopicRecords.header(record, "ce_subject")).as("the key is the aggregate id").contains(record.key());
            assertThat(OffsetDateTime.parse(TopicRecords.header(record, "ce_time").orElseThrow())).isNotNull();
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).startsWith("{");
        }
        assertThat(records.stream().map(record -> TopicRecords.header(record, "ce_id").orElseThrow())).doesNotHaveDuplicates();
        assertThat(typesOf(records, "A")).containsExactly(
                "io.ledgerflow.account.AccountOpened.v1", "io.ledgerflow.account.AccountCredited.v1", "io.ledgerflow.account.AccountDebited.v1");
        assertThat(typesOf(records, "B")).containsExactly(
                "io.ledgerflow.account.AccountOpened.v1", "io.ledgerflow.account.AccountCredited.v1");
        String settlementShard = records.stream().map(ConsumerRecord::key).filter(key -> key.startsWith("@world:USD"))
                .findFirst().orElseThrow();
        assertThat(typesOf(records, settlementShard)).as("the shard of @world:USD that took the deposit's leg")
                .containsExactly("io.ledgerflow.account.AccountOpened.v1", "io.ledgerflow.account.AccountDebited.v1");
        assertThat(typesOf(records, "dep-1")).containsExactly("io.ledgerflow.transfer.TransferPosted.v1");
        assertThat(typesOf(records, "t-1")).as("the repeat and the conflicting attempt added nothing")
                .containsExactly("io.ledgerflow.transfer.TransferPosted.v1");
        assertThat(typesOf(records, "t-2")).containsExactly("io.ledgerflow.transfer.TransferRejected.v1");
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("A", "B", settlementShard, "dep-1", "t-1", "t-2");
        records.stream().filter(record -> "t-1".equals(record.key()) && transferAnswered != null).findFirst().ifPresent(record -> log.info(
                "t-1 was sent to Kafka {} ms after its command was answered (the record's CreateTime)",
                record.timestamp() - transferAnswered.toEpochMilli()));
    }

    /** The README's console consumer, with the classpath of the launcher jar: target/classes and target/lib. */
    @Test
    @Order(6)
    void kafkasConsoleConsumerRunsFromTheLaunchersClasspath() throws Exception {
        int expected = TopicRecords.readAll(stack.kafkaBootstrapServers(), StartupReport.TOPIC).size();
        Path classes = Path.of("target", "classes").toAbsolutePath();
        Path lib = Path.of("target", "lib").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(LocalStackConfig.currentJava(), StartupReport.TOOLS_LOGGING,
                "-cp", classes + File.pathSeparator + lib + File.separator + "*", StartupReport.CONSOLE_CONSUMER,
                "--bootstrap-server", stack.kafkaBootstrapServers(), "--topic", StartupReport.TOPIC, "--from-beginning",
                "--property", "print.key=true", "--property", "print.headers=true"));
        command.addAll(List.of("--max-messages", Integer.toString(expected), "--timeout-ms", "30000"));
        Path out = data.resolve("console-consumer.out");
        Path err = data.resolve("console-consumer.err");
        long started = System.nanoTime();
        Process consumer = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(consumer.waitFor(60, TimeUnit.SECONDS)).as("the console consumer ends").isTrue();
        log.info("Console consumer read {} records in {} ms: {}", expected, millis(System.nanoTime() - started), String.join(" ", command));

        assertThat(consumer.exitValue()).as(Files.readString(err)).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).as("stdout carries the records only").hasSize(expected)
                .allSatisfy(line -> assertThat(line).contains("ce_specversion:1.0", "ce_type:io.ledgerflow."));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("ce_subject:t-1,").contains("\tt-1\t{"));
        assertThat(Files.readString(err)).contains("Processed a total of " + expected + " messages");
    }

    /** The demo clients' secrets are public (README): the servers they open are offered to this machine only. */
    @Test
    @Order(6)
    void theServicesAndTheAuthorizationServerListenOnTheLoopbackInterfaceOnly() throws IOException {
        assumeTrue(ListeningAddresses.available(), "/proc/net/tcp lists listening sockets on Linux only");
        for (String url : List.of(stack.commandServiceUrl(), stack.queryServiceUrl(), stack.authIssuer())) {
            assertThat(ListeningAddresses.of(URI.create(url).getPort())).as(url).isNotEmpty()
                    .allSatisfy(address -> assertThat(address).as(url)
                            .isIn(ListeningAddresses.IPV4_LOOPBACK, ListeningAddresses.IPV4_MAPPED_LOOPBACK));
        }
    }

    @Test
    @Order(7)
    void theStartUpReportsCommandsWorkAsPrinted() {
        String report = StartupReport.text(stack, Duration.ofSeconds(1), Optional.empty());
        assertThat(report).contains(stack.authTokenEndpoint(), "<id>-secret", "alice, bob", "operator", "viewer", "auditor", "admin");
        assertThat(report).contains("dashboard        " + stack.dashboardUrl(), "viewer / viewer", "operator / operator");
        assumeTrue(Stream.of("bash", "curl", "sed").allMatch(LocalStackEndToEndTest::onPath), "bash, curl and sed are needed");
        List<String> commands = report.lines().map(String::trim)
                .dropWhile(line -> !line.startsWith("Try"))
                .filter(line -> line.matches("[A-Z_]+=.*") || line.startsWith("curl "))
                .toList();
        assertThat(commands).hasSize(5);

        String opened = bash(commands.get(0) + "\n" + commands.get(1));
        assertThat(opened).contains("\"id\":\"acc-1\"", "\"ownerId\":\"alice\"");
        String deposited = bash(commands.get(2) + "\n" + commands.get(3));
        assertThat(deposited).contains("\"id\":\"dep-acc-1\"", "\"amount\":10000");
        worldPosted -= 10_000;
        awaitProjection().untilAsserted(() -> assertThat(bash(commands.get(0) + "\n" + commands.get(4)))
                .contains("\"id\":\"acc-1\"", "\"posted\":10000"));
    }

    @Test
    @Order(8)
    void afterARestartOnTheSameDataTheLedgerIsStillThere() {
        String tokenFromBefore = stack.accessToken("alice");
        restart();

        // the same signing key and issuer: a token issued before the restart is still accepted
        Response reopen = command("/api/v1/accounts", tokenFromBefore, "{\"id\":\"A\",\"currency\":\"USD\"}");
        assertThat(reopen.status()).as("A is still open: " + reopen).isEqualTo(200);
        String alice = stack.accessToken("alice");
        Response repeat = command("/api/v1/transfers", alice, TRANSFER_A_TO_B.formatted(2500));
        assertThat(repeat.status()).as("t-1 is still posted: " + repeat).isEqualTo(200);
        Response overdraft = command("/api/v1/transfers", alice, OVERDRAFT);
        assertThat(overdraft.status()).as("t-2 is still rejected: " + overdraft).isEqualTo(422);
        assertThat(overdraft.json().path("code").asText()).isEqualTo("INSUFFICIENT_FUNDS");

        awaitProjection().untilAsserted(() -> assertLedgerProjected(alice));
    }

    @Test
    @Order(9)
    void withoutTheMongoDataTheProjectionsAreRebuiltFromTheTopic() throws IOException {
        assertThat(stack).as("the stack of the tests before").isNotNull();
        stack.close();
        Path mongoFile = config.dataDirectory().resolve("mongo").resolve("ledgerflow.mv");
        assertThat(mongoFile).isRegularFile();
        Files.delete(mongoFile);
        start("start without MongoDB data", true);

        String alice = stack.accessToken("alice");
        long started = System.nanoTime();
        // a rebuild waits for the consumer group to form and the topic to be read from zero: slower on a busy machine
        awaitProjection().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertLedgerProjected(alice));
        log.info("Projections rebuilt from the topic {} ms after the stack was up", millis(System.nanoTime() - started));
    }

    /**
     * The command-service replays the event store and reads the projections from the query-service with a token of
     * its own (the demo client reconciler, a viewer): on the ledger of the tests before, rebuilt from the topic,
     * every account matches once projected.
     */
    @Test
    @Order(10)
    void theReconciliationFindsNoDifferenceInAHealthyLedger() {
        String auditor = stack.accessToken("auditor");
        // A, B, @world:USD, and the start-up report's acc-1 when its test ran
        awaitProjection().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode report = reconciliation(auditor);
            assertThat(report.path("differences").size()).as(report.toString()).isZero();
            assertThat(report.path("missing").asLong()).as(report.toString()).isZero();
            assertThat(report.path("accounts").asLong()).as(report.toString()).isGreaterThanOrEqualTo(3);
            assertThat(report.path("matched").asLong()).as(report.toString()).isEqualTo(report.path("accounts").asLong());
        });
        Response forbidden = http.get(stack.commandServiceUrl() + "/api/v1/audit/reconciliation",
                stack.accessToken("viewer"));
        assertThat(forbidden.status()).as("auditors only").isEqualTo(403);
    }

    /** B's projected posted balance changed behind the projection's back: exactly that account and field are listed. */
    @Test
    @Order(11)
    void aBrokenProjectionDocumentIsListedAsTheOnlyDifference() {
        String auditor = stack.accessToken("auditor");
        try (MongoClient mongo = MongoClients.create(stack.mongoConnectionString())) {
            MongoCollection<Document> accounts = mongo.getDatabase("ledgerflow").getCollection("accounts");
            assertThat(accounts.updateOne(Filters.eq("_id", "B"), Updates.set("posted", 2_501L)).getModifiedCount())
                    .isEqualTo(1);
            try {
                JsonNode report = reconciliation(auditor);

                assertThat(report.path("different").asLong()).as(report.toString()).isEqualTo(1);
                assertThat(report.path("matched").asLong()).as(report.toString())
                        .isEqualTo(report.path("accounts").asLong() - 1);
                assertThat(report.path("differences").toString()).isEqualTo(
                        "[{\"accountId\":\"B\",\"field\":\"posted\",\"eventStore\":2500,\"projection\":2501,"
                                + "\"version\":2}]");
            } finally {
                accounts.updateOne(Filters.eq("_id", "B"), Updates.set("posted", 2_500L));
            }
        }
    }

    private JsonNode reconciliation(String auditorToken) {
        Response response = http.get(stack.commandServiceUrl() + "/api/v1/audit/reconciliation", auditorToken);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }


    @Test
    @Order(12)
    void aClientThatReadsWithItsConsistencyTokenAlwaysSeesItsOwnDeposit() {
        String alice = stack.accessToken("alice");
        String operator = stack.accessToken("operator");
        for (int round = 1; round <= 10; round++) {
            String account = "ryw-" + round;
            Response opened = command("/api/v1/accounts", alice, "{\"id\":\"" + account + "\",\"currency\":\"USD\"}");
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            Response deposit = command("/api/v1/accounts/" + account + "/deposits", operator,
                    "{\"id\":\"dep-" + account + "\",\"amount\":" + round + "}");
            assertThat(deposit.status()).as(deposit.toString()).isEqualTo(201);
            String token = deposit.header("X-Consistency-Token");
            assertThat(token).as("the deposit's consistency token").isNotBlank();

            // at once, no polling: the read waits until the projection has the deposit (here up to the 10 s maximum
            // rather than the 2 s default, so that a slow machine shows a wrong answer, not a late one)
            Response read = http.get(stack.queryServiceUrl() + "/api/v1/accounts/" + account
                    + "?consistencyTimeoutMs=10000", alice, "X-Consistency-Token", token);

            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.header("X-Consistency")).isEqualTo("consistent");
            assertThat(read.json().path("posted").asLong()).isEqualTo(round);
        }
    }

    /** The audit API replays the event store; at each instant it agrees with what the projection showed then. */
    @Test
    @Order(13)
    void theBalanceAsOfAnInstantIsWhatTheProjectionShowedThen() {
        String operator = stack.accessToken("operator");
        String auditor = stack.accessToken("auditor");
        Response opened = command("/api/v1/accounts", operator,
                "{\"id\":\"asof-1\",\"ownerId\":\"dora\",\"currency\":\"USD\"}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        List<JsonNode> shown = new ArrayList<>();
        List<Instant> when = new ArrayList<>();
        for (String deposit : List.of("{\"id\":\"asof-d1\",\"amount\":100}", "{\"id\":\"asof-d2\",\"amount\":50}")) {
            Response answer = command("/api/v1/accounts/asof-1/deposits", operator, deposit);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            Response read = http.get(stack.queryServiceUrl() + "/api/v1/accounts/asof-1?consistencyTimeoutMs=10000",
                    operator, "X-Consistency-Token", answer.header("X-Consistency-Token"));
            assertThat(read.header("X-Consistency")).isEqualTo("consistent");
            shown.add(read.json());
            when.add(Instant.now());
        }

        for (int i = 0; i < shown.size(); i++) {
            Response replayed = http.get(stack.commandServiceUrl() + "/api/v1/audit/accounts/asof-1/balance?asOf="
                    + when.get(i), auditor);
            assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
            for (String field : List.of("posted", "pendingDebits", "pendingCredits", "available")) {
                assertThat(replayed.json().path(field).asLong()).as(field + " as of " + when.get(i))
                        .isEqualTo(shown.get(i).path(field).asLong());
            }
        }
        assertThat(shown.get(0).path("posted").asLong()).isEqualTo(100);
        assertThat(shown.get(1).path("posted").asLong()).isEqualTo(150);
    }

    /**
     * The dashboard page in a real headless Chromium, on the stack already running: a viewer signs in on the
     * login page (authorization code with PKCE), sees the totals, and a transfer posted meanwhile through the
     * command API appears in the live feed, the totals and the chart, without the page reloading.
     */
    @Test
    @Order(14)
    void aViewerSignsInOnTheDashboardAndWatchesATransferArrive() {
        DashboardBrowser.assumeInstalled();
        String operator = stack.accessToken("operator");
        try (DashboardBrowser browser = DashboardBrowser.open()) {
            signInAsViewer(browser);
            assertThat(browser.driver.getCurrentUrl()).as("the code left the address bar").isEqualTo(stack.dashboardUrl());
            assertThat(browser.text("#who-roles")).isEqualTo("viewer");
            awaitPage().until(() -> browser.attribute("#totals tr[data-currency=USD]", "data-posted-transfers") != null
                    && browser.attribute("#volume-summary", "data-count") != null
                    && browser.text("#feed-status").equals("live"));
            long transfersBefore = Long.parseLong(browser.attribute("#totals tr[data-currency=USD]", "data-posted-transfers"));
            long countBefore = Long.parseLong(browser.attribute("#volume-summary", "data-count"));
            long volumeBefore = Long.parseLong(browser.attribute("#volume-summary", "data-volume"));
            // a viewer reads the projections' lag (an operator would read "not available for your role")
            awaitPage().until(() -> browser.text("#lag").startsWith("Lag "));
            // a reload would lose this
            browser.script("window.ledgerflowNotReloaded = true;");

            Response deposit = command("/api/v1/accounts/A/deposits", operator, "{\"id\":\"dep-browser\",\"amount\":500}");
            assertThat(deposit.status()).as(deposit.toString()).isEqualTo(201);
            worldPosted -= 500;
            Response transfer = command("/api/v1/transfers", stack.accessToken("alice"),
                    "{\"id\":\"t-browser\",\"debitAccountId\":\"A\",\"creditAccountId\":\"B\",\"amount\":250,\"currency\":\"USD\"}");
            assertThat(transfer.status()).as(transfer.toString()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(browser.findAll("#feed li[data-transfer-id=t-browser]")).as("the live feed").isNotEmpty();
                assertThat(Long.parseLong(browser.attribute("#totals tr[data-currency=USD]", "data-posted-transfers")))
                        .as("posted transfers in the totals").isGreaterThan(transfersBefore);
                assertThat(Long.parseLong(browser.attribute("#volume-summary", "data-count")))
                        .as("transfers in the chart").isGreaterThan(countBefore);
                assertThat(Long.parseLong(browser.attribute("#volume-summary", "data-volume")))
                        .as("volume in the chart").isGreaterThanOrEqualTo(volumeBefore + 250);
            });
            assertThat(browser.script("return window.ledgerflowNotReloaded === true;")).isEqualTo(true);
            assertThat(browser.findAll("#volume-chart canvas")).as("uPlot drew the chart").isNotEmpty();

            browser.find("#search-owner").sendKeys("alice");
            browser.find("#account-search button[type=submit]").click();
            awaitPage().until(() -> !browser.findAll("#accounts tr[data-account-id=A] button").isEmpty());
            browser.find("#accounts tr[data-account-id=A] button").click();
            awaitPage().until(() -> browser.text("#statement").contains("t-browser"));
            assertThat(browser.text("#statement-account")).isEqualTo("A");
        }
    }

    /**
     * The live feed waits as long as the query-service asks before it reconnects: here the viewer already holds
     * every stream it may ({@code max-per-caller}), so the page's request is refused with 429 and
     * {@code Retry-After: 5}; once those streams close, the page's next attempt gets its stream.
     */
    @Test
    @Order(15)
    void theLiveFeedWaitsAsLongAsTheServerAsksBeforeReconnecting() throws Exception {
        DashboardBrowser.assumeInstalled();
        List<HttpResponse<InputStream>> held = new ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        try (DashboardBrowser browser = DashboardBrowser.open()) {
            HttpRequest stream = HttpRequest.newBuilder(URI.create(stack.queryServiceUrl() + "/api/v1/stream"))
                    .header("Authorization", "Bearer " + stack.accessToken("viewer"))
                    .header("Accept", "text/event-stream").build();
            for (int opened = 0; opened <= 20; opened++) {
                HttpResponse<InputStream> response = client.send(stream, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 429) {
                    response.body().close();
                    break;
                }
                assertThat(response.statusCode()).isEqualTo(200);
                held.add(response);
            }
            assertThat(held).as("the viewer's streams before the limit").isNotEmpty().hasSizeLessThanOrEqualTo(20);

            signInAsViewer(browser);
            awaitPage().until(() -> browser.text("#feed-status").startsWith("reconnecting in "));
            String waiting = browser.text("#feed-status");
            assertThat(Integer.parseInt(waiting.replaceAll("\\D", ""))).as(waiting).isGreaterThanOrEqualTo(5);

            for (HttpResponse<InputStream> response : held) {
                response.body().close();
            }
            held.clear();
            // the server notices a closed stream at its next write, a heartbeat at most 15 s later
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> browser.text("#feed-status").equals("live"));
        } finally {
            for (HttpResponse<InputStream> response : held) {
                response.body().close();
            }
        }
    }

    /** On the login page of the authorization server (authorization code with PKCE), as the demo user viewer. */
    private void signInAsViewer(DashboardBrowser browser) {
        browser.driver.get(stack.dashboardUrl());
        awaitPage().until(() -> browser.find("#sign-in").isDisplayed());
        browser.find("#sign-in").click();

        awaitPage().until(() -> !browser.findAll("input[name=username]").isEmpty());
        assertThat(browser.driver.getCurrentUrl()).startsWith(stack.authIssuer() + "/login");
        browser.find("input[name=username]").sendKeys("viewer");
        browser.find("input[name=password]").sendKeys("viewer");
        browser.find("button[type=submit]").click();

        awaitPage().until(() -> browser.text("#who-name").equals("viewer"));
    }

    private static ConditionFactory awaitPage() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(30))
                .ignoreExceptions();
    }

    /** A=7500 and B=2500; A's statement newest first; the settlement account, as read by a viewer. */
    private void assertLedgerProjected(String alice) {
        assertThat(posted("A", alice)).isEqualTo(7_500);
        assertThat(posted("B", alice)).isEqualTo(2_500);
        Response entries = query("/api/v1/accounts/A/entries", alice);
        assertThat(entries.status()).as(entries.toString()).isEqualTo(200);
        JsonNode items = entries.json().path("items");
        assertThat(items.findValuesAsText("transferId")).containsExactly("t-1", "dep-1");
        assertThat(items.findValues("balanceAfter")).extracting(JsonNode::asLong).containsExactly(7_500L, 10_000L);
        assertThat(posted("@world:USD", stack.accessToken("viewer"))).isEqualTo(worldPosted);
    }

    private long posted(String accountId, String token) {
        Response account = query("/api/v1/accounts/" + accountId, token);
        assertThat(account.status()).as(account.toString()).isEqualTo(200);
        return account.json().path("posted").asLong();
    }

    private Response command(String path, String token, String json) {
        return http.post(stack.commandServiceUrl() + path, token, json);
    }

    private Response query(String path, String token) {
        return http.get(stack.queryServiceUrl() + path, token);
    }

    private static ConditionFactory awaitProjection() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(60));
    }

    private static List<String> typesOf(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> TopicRecords.header(record, "ce_type").orElseThrow())
                .toList();
    }

    /** On the same authorization server port: the test that restarts checks a token issued before. */
    private static void restart() {
        stack.close();
        start("restart", false);
    }

    /**
     * A port found free can be taken by another process before the authorization server binds it (CI has found its
     * port taken 1.4 s after the pick, and on a restart moments after the launcher had found it free): such a
     * start is tried again, on another port unless the issuer must stay the same, with the socket and the process
     * that held the port in the log.
     */
    private static void start(String what, boolean mayMoveAuthServer) {
        stack = null;
        for (int attempt = 1; ; attempt++) {
            try {
                stack = timed(what, () -> LocalStack.start(config));
                return;
            } catch (FreePorts.PortInUseException e) {
                if (attempt == 3) {
                    throw e;
                }
                log.warn("{}, attempt {}: {} ({}); trying again", what, attempt, e.getMessage(),
                        PortHolders.of(config.authServerPort()));
                if (mayMoveAuthServer) {
                    config = configWithAuthServerPort(Ports.resolve(0));
                }
            }
        }
    }

    private static <T> T timed(String what, Supplier<T> action) {
        long started = System.nanoTime();
        T result = action.get();
        log.info("Local stack {} took {} ms", what, millis(System.nanoTime() - started));
        return result;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String bash(String script) {
        try {
            Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("bash did not finish: " + script);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run bash", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> !directory.isEmpty() && Files.isExecutable(Path.of(directory, program)));
    }

    private static boolean isExecutableJar(Path jar) {
        try {
            return Files.isRegularFile(jar) && Files.size(jar) > 1_000_000; // a Spring Boot jar, not a placeholder
        } catch (IOException e) {
            return false;
        }
    }
}
