package io.ledgerflow.localstack;

import static io.ledgerflow.localstack.TransferWorkload.ACCOUNTS;
import static io.ledgerflow.localstack.TransferWorkload.CURRENCY;
import static io.ledgerflow.localstack.TransferWorkload.WORLD;
import static io.ledgerflow.localstack.TransferWorkload.hotAccounts;
import static io.ledgerflow.localstack.TransferWorkload.ownerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ledgerflow.localstack.EventStoreLedger.AccountState;
import io.ledgerflow.localstack.EventStoreLedger.Leg;
import io.ledgerflow.localstack.EventStoreLedger.TransferEvent;
import io.ledgerflow.localstack.PersistentClient.Exchange;
import io.ledgerflow.localstack.TransferWorkload.Send;

/**
 * Contention across both services, over HTTP as clients see them: 8 client threads send 4,000 random transfers
 * among 10 hot accounts (alice owns six, bob four), about a tenth of them repeats of an id already sent (some while
 * the first is still running, some with an {@code Idempotency-Key}), some too large to be covered. Then:
 * <ol>
 * <li>every answer is 201, 200 or 422 INSUFFICIENT_FUNDS, never a 5xx (a 503 with {@code Retry-After} is retried
 *     and counted); each id has one outcome: one 201 and only 200s after it, or the same 422 every time;</li>
 * <li>the event store (read over JDBC) holds each id once, each accepted one with one debit and one credit leg,
 *     each rejected one with none; balances are what the accepted ids add up to, and money is conserved;</li>
 * <li>the query-service projections catch up with the store: every balance and version, every transfer's status,
 *     every statement entry.</li>
 * </ol>
 * The workload is a fixed random sequence ({@code -Dledgerflow.e2e.seed} chooses another); how it interleaves is
 * up to the machine. Skipped when the service jars are not built.
 */
@EnabledIf("jarsBuilt")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentTransfersEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentTransfersEndToEndTest.class);
    private static final Path ROOT = ProjectRoot.find(Path.of(""));
    private static final Path COMMAND_JAR = ROOT.resolve("command-service/target/command-service-exec.jar");
    private static final Path QUERY_JAR = ROOT.resolve("query-service/target/query-service-exec.jar");
    private static final Path AUTH_JAR = ROOT.resolve(LocalStackConfig.AUTH_SERVER_JAR);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int THREADS = 8;
    /** {@code -Dledgerflow.e2e.transfers} sends fewer (or more). */
    private static final int REQUESTS = Integer.getInteger("ledgerflow.e2e.transfers", 4_000);
    private static final long DEPOSIT = 50_000;
    private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(120);
    /**
     * The ledger under contention is measured here, not the rate limiter (a client's default is 100 at once, 50/s;
     * the per-address bucket all local traffic shares is 1000 / 500/s): as infra/benchmarks/run-benchmarks.sh does,
     * the buckets of the roles used are raised for this stack. The filters stay in the request path.
     */
    private static final List<String> GENEROUS_RATE_LIMITS = Stream.concat(
            Stream.of("client", "operator", "viewer").map(role -> "roles." + role),
            Stream.of("per-address"))
            .flatMap(bucket -> Stream.of("capacity", "per-second")
                    .map(setting -> "-Dledgerflow.rate-limits." + bucket + "." + setting + "=1000000"))
            .toList();

    @TempDir
    static Path data;
    static LocalStack stack;
    static PersistentClient client;
    static ExecutorService clients;
    static List<Exchange> exchanges;
    /** Per transfer id, in the order first sent. */
    static Map<String, Outcome> outcomes;
    private static EventStoreLedger store;

    /** What a transfer id came to, as its answers tell: accepted (some 2xx) or rejected with a code. */
    record Outcome(String id, String debit, String credit, long amount, boolean accepted, String rejectionCode) {
    }

    static boolean jarsBuilt() {
        return Stream.of(COMMAND_JAR, QUERY_JAR, AUTH_JAR).allMatch(jar -> {
            try {
                return Files.isRegularFile(jar) && Files.size(jar) > 1_000_000;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @BeforeAll
    static void sendTheTraffic() throws Exception {
        LocalStackConfig ephemeral = LocalStackConfig.ephemeral(data.resolve("stack"), COMMAND_JAR, QUERY_JAR, AUTH_JAR);
        List<String> jvmOptions = Stream.concat(ephemeral.serviceJvmOptions().stream(), GENEROUS_RATE_LIMITS.stream()).toList();
        // MongoDB in memory: nothing here restarts, and it spares the projections the H2 file
        LocalStackConfig config = new LocalStackConfig(ephemeral.dataDirectory(), ephemeral.workingDirectory(),
                COMMAND_JAR, QUERY_JAR, AUTH_JAR, 0, 0, 0, 0, 0, 0, false, ephemeral.databaseName(),
                ephemeral.javaExecutable(), jvmOptions, ephemeral.healthTimeout(), ephemeral.restartPolicy());
        long starting = System.nanoTime();
        stack = LocalStack.start(config);
        log.info("Local stack up in {} ms", millis(System.nanoTime() - starting));
        client = new PersistentClient(stack);
        clients = Executors.newFixedThreadPool(THREADS, counted("ledger-client-"));

        openAndFundTheAccounts();
        List<Send> plan = TransferWorkload.plan(new Random(Long.getLong("ledgerflow.e2e.seed", 20_261_130L)), REQUESTS, THREADS);
        long started = System.nanoTime();
        List<Future<Exchange>> sent = plan.stream().map(send -> clients.submit(() -> client.transfer(send))).toList();
        List<Exchange> answers = new ArrayList<>(sent.size());
        for (Future<Exchange> future : sent) {
            answers.add(future.get(5, TimeUnit.MINUTES));
        }
        long elapsed = System.nanoTime() - started;
        exchanges = List.copyOf(answers);
        outcomes = outcomesOf(exchanges);
        logTraffic(elapsed);
    }

    @AfterAll
    static void stopStack() {
        if (clients != null) {
            clients.shutdownNow();
        }
        if (stack != null) {
            stack.close();
            keepTheLogs();
        }
    }

    /** The services' logs outlive the temporary directory: under target/, for a look after a failure. */
    private static void keepTheLogs() {
        Path logs = stack.config().logDirectory();
        Path kept = Path.of("target", ConcurrentTransfersEndToEndTest.class.getSimpleName() + "-logs");
        try (Stream<Path> files = Files.list(logs)) {
            Files.createDirectories(kept);
            for (Path file : files.toList()) {
                Files.copy(file, kept.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("could not keep the logs of {}", logs, e);
        }
    }

    @Test
    @Order(1)
    void everyAnswerIsAnOutcomeAndEachIdHasOne() {
        assertThat(exchanges).as("no 500, and no 5xx left after retrying the 503s")
                .filteredOn(exchange -> exchange.status() >= 500 || exchange.status() < 0).isEmpty();
        assertThat(exchanges.stream().mapToInt(Exchange::busyWithoutRetryAfter).sum()).as("503s without Retry-After").isZero();
        assertThat(exchanges).as("answers other than 201, 200 and 422 (no 409, no 429: the limits are raised)")
                .filteredOn(exchange -> !Set.of(200, 201, 422).contains(exchange.status())).isEmpty();
        assertThat(exchanges).as("the only rule these transfers can break")
                .filteredOn(exchange -> exchange.status() == 422)
                .allSatisfy(exchange -> assertThat(exchange.code()).as(exchange.toString()).isEqualTo("INSUFFICIENT_FUNDS"));

        List<String> problems = new ArrayList<>();
        exchanges.stream().collect(Collectors.groupingBy(exchange -> exchange.send().id(), LinkedHashMap::new, Collectors.toList()))
                .forEach((id, answers) -> problems.addAll(problemsOfOneId(answers)));
        exchanges.stream().filter(exchange -> exchange.send().idempotencyKey() != null)
                .collect(Collectors.groupingBy(exchange -> exchange.send().idempotencyKey()))
                .forEach((key, answers) -> problems.addAll(problemsOfOneKey(key, answers)));
        assertThat(problems).as("ids or keys whose answers disagree").isEmpty();

        assertThat(outcomes.values()).as("some transfers were refused").anyMatch(outcome -> !outcome.accepted());
        assertThat(exchanges).as("some repeats were answered 200, some replayed under their key")
                .anyMatch(exchange -> exchange.status() == 200)
                .anyMatch(Exchange::replayed);
    }

    @Test
    @Order(2)
    void theEventStoreHoldsEachAcceptedIdOnceAndConservesMoney() {
        EventStoreLedger store = store();
        Map<String, Outcome> transfers = new LinkedHashMap<>(outcomes);
        deposits().forEach(deposit -> transfers.put(deposit.id(), deposit));
        assertThat(store.transferStreams.keySet()).as("a transfer stream per id sent, no other")
                .containsExactlyInAnyOrderElementsOf(transfers.keySet());

        List<String> problems = new ArrayList<>();
        for (Outcome transfer : transfers.values()) {
            List<TransferEvent> stream = store.transferStreams.get(transfer.id());
            List<Leg> legs = store.legsOf(transfer.id()).stream().map(leg -> new Leg(leg.accountId(), leg.kind(), leg.amount(), 0)).toList();
            TransferEvent event = stream.get(0);
            JsonNode terms = event.payload().path("terms");
            String expectedType = transfer.accepted() ? "TransferPosted" : "TransferRejected";
            List<Leg> expectedLegs = transfer.accepted()
                    ? List.of(new Leg(transfer.debit(), "DEBIT", transfer.amount(), 0), new Leg(transfer.credit(), "CREDIT", transfer.amount(), 0))
                    : List.of();
            if (stream.size() != 1 || !event.type().equals(expectedType)
                    || !terms.path("debitAccountId").asText().equals(transfer.debit())
                    || !terms.path("creditAccountId").asText().equals(transfer.credit())
                    || terms.path("amount").asLong() != transfer.amount()
                    || (!transfer.accepted() && !event.payload().path("rejectionCode").asText().equals(transfer.rejectionCode()))
                    || legs.size() != expectedLegs.size() || !legs.containsAll(expectedLegs)) {
                problems.add(transfer + " is stored as " + stream + " with legs " + store.legsOf(transfer.id()));
            }
        }
        assertThat(problems).as("transfers whose stored events are not their outcome, exactly once").isEmpty();
        assertThat(store.legsByTransfer.keySet()).as("no leg of an unknown transfer").isSubsetOf(transfers.keySet());

        Map<String, Long> expected = expectedBalances();
        assertThat(store.accounts.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((account, posted) -> assertThat(store.accounts.get(account))
                .as("%s: the deposit plus what its accepted transfers add up to", account)
                .isEqualTo(new AccountState(posted, 0, 0, store.accounts.get(account).version())));
        assertThat(hotAccounts().stream().mapToLong(account -> store.accounts.get(account).posted()).sum())
                .as("the money deposited, moved around but neither made nor lost").isEqualTo(ACCOUNTS * DEPOSIT);
        assertThat(store.accounts.values().stream().mapToLong(AccountState::posted).sum()).as("Σ posted, settlement included").isZero();
        assertThat(store.legsByTransfer.values().stream().flatMap(List::stream))
                .as("no debit took a customer account below zero (no overdraft limits here)")
                .filteredOn(leg -> !leg.accountId().equals(WORLD) && leg.postedAfter() < 0).isEmpty();
        log.info("Event store: {} events, {} transfer streams, {} legs; balances {}", store.events, store.transferStreams.size(),
                store.legsByTransfer.values().stream().mapToInt(List::size).sum(),
                new TreeMap<>(store.accounts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().posted()))));
    }

    @Test
    @Order(3)
    void theProjectionsCatchUpWithTheEventStore() {
        EventStoreLedger store = store();
        String viewer = stack.accessToken("viewer");
        long started = System.nanoTime();
        List<String> accounts = Stream.concat(hotAccounts().stream(), Stream.of(WORLD)).toList();
        awaitProjections().untilAsserted(() -> {
            for (String account : accounts) {
                AccountState stored = store.accounts.get(account);
                JsonNode projected = client.query("/api/v1/accounts/" + account, viewer);
                assertThat(projected.path("posted").asLong()).as("posted of %s", account).isEqualTo(stored.posted());
                assertThat(projected.path("version").asLong()).as("version of %s", account).isEqualTo(stored.version());
                assertThat(projected.path("pendingDebits").asLong() + projected.path("pendingCredits").asLong()).isZero();
            }
        });
        long balancesShown = System.nanoTime();

        Map<String, String> notYet = new ConcurrentHashMap<>();
        outcomes.keySet().forEach(id -> notYet.put(id, "not read yet"));
        List<Integer> passes = new ArrayList<>();
        awaitProjections().untilAsserted(() -> {
            passes.add(notYet.size());
            inParallel(List.copyOf(notYet.keySet()), id -> {
                JsonNode projected = client.query("/api/v1/transfers/" + id, viewer);
                if (shows(projected, outcomes.get(id))) {
                    notYet.remove(id);
                } else {
                    notYet.put(id, projected.toString());
                }
            });
            assertThat(notYet).as("transfers the query-service does not show as their outcome (yet)").isEmpty();
        });
        long transfersShown = System.nanoTime();

        awaitProjections().untilAsserted(() -> {
            for (String account : accounts) {
                List<JsonNode> entries = client.entries(account, viewer);
                List<Leg> projected = entries.stream().map(entry -> new Leg(account, entry.path("kind").asText(), entry.path("amount").asLong(), 0)).toList();
                List<Leg> stored = store.legsByTransfer.values().stream().flatMap(List::stream)
                        .filter(leg -> leg.accountId().equals(account)).map(leg -> new Leg(account, leg.kind(), leg.amount(), 0)).toList();
                assertThat(entries).as("the statement of %s: one entry per leg", account).hasSize(stored.size());
                assertThat(projected).as("the statement of %s", account).containsExactlyInAnyOrderElementsOf(stored);
                assertThat(entries.stream().map(entry -> entry.path("transferId").asText())).as("the statement of %s", account)
                        .doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(store.legsByTransfer.entrySet().stream()
                                .filter(legs -> legs.getValue().stream().anyMatch(leg -> leg.accountId().equals(account)))
                                .map(Map.Entry::getKey).toList());
                // in position order each balanceAfter follows from the one before, a settlement account's (summed over
                // its shards) too, and the last is the account's balance
                long balance = 0;
                for (JsonNode entry : entries) {
                    assertThat(entry.path("accountId").asText()).as("an entry of %s", account).isEqualTo(account);
                    long amount = entry.path("amount").asLong();
                    balance += entry.path("kind").asText().equals("CREDIT") ? amount : -amount;
                    assertThat(entry.path("balanceAfter").asLong()).as("balanceAfter of %s at %s", account, entry)
                            .isEqualTo(balance);
                }
                assertThat(balance).as("the last balanceAfter of %s", account).isEqualTo(store.accounts.get(account).posted());
            }
        });
        log.info("Projections caught up: balances and versions {} ms after the traffic checks began, every transfer's status {} ms"
                        + " (transfers left to read in each pass: {}), every statement {} ms", millis(balancesShown - started),
                millis(transfersShown - started), passes, millis(System.nanoTime() - started));
    }

    // --- the traffic --------------------------------------------------------------------------------------------

    private static void openAndFundTheAccounts() {
        String operator = stack.accessToken("operator");
        for (String account : hotAccounts()) {
            HttpResponse<String> opened = client.command("/api/v1/accounts", stack.accessToken(ownerOf(account)),
                    JSON.createObjectNode().put("id", account).put("currency", CURRENCY).toString());
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        }
        for (Outcome deposit : deposits()) {
            HttpResponse<String> deposited = client.command("/api/v1/accounts/" + deposit.credit() + "/deposits", operator,
                    JSON.createObjectNode().put("id", deposit.id()).put("amount", deposit.amount()).toString());
            assertThat(deposited.statusCode()).as(deposited.body()).isEqualTo(201);
        }
    }

    /** Accepted when any answer was 2xx, else rejected with the first 422's code. */
    private static Map<String, Outcome> outcomesOf(List<Exchange> exchanges) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Exchange exchange : exchanges) {
            Send send = exchange.send();
            Outcome known = outcomes.get(send.id());
            boolean accepted = exchange.status() / 100 == 2;
            if (known == null || (accepted && !known.accepted())) {
                String code = exchange.status() == 422 ? exchange.code() : null;
                outcomes.put(send.id(), new Outcome(send.id(), send.debit(), send.credit(), send.amount(), accepted,
                        known == null ? code : known.rejectionCode()));
            }
        }
        return outcomes;
    }

    /** Not replayed under a key: one 201 and 200s, or the same 422 every time with one first attempt; terms as sent. */
    private static List<String> problemsOfOneId(List<Exchange> answers) {
        List<Exchange> executed = answers.stream().filter(answer -> !answer.replayed()).toList();
        Map<Integer, Long> statuses = executed.stream().collect(Collectors.groupingBy(Exchange::status, TreeMap::new, Collectors.counting()));
        List<String> problems = new ArrayList<>();
        if (statuses.containsKey(422)) {
            if (statuses.size() != 1 || executed.stream().map(Exchange::code).distinct().count() != 1
                    || executed.stream().filter(answer -> answer.json().path("firstAttempt").asBoolean()).count() != 1) {
                problems.add("a rejected id answered " + executed);
            }
        } else if (statuses.getOrDefault(201, 0L) != 1 || statuses.keySet().stream().anyMatch(status -> status != 200 && status != 201)) {
            problems.add("an accepted id answered " + executed + " (one 201 expected, the rest 200)");
        }
        for (Exchange answer : answers) {
            if (answer.status() / 100 == 2 && !showsPosted(answer.json(), answer.send())) {
                problems.add("a body that is not the posted transfer: " + answer);
            }
        }
        return problems;
    }

    /** The first request under a key executes; every other one gets its stored answer, byte for byte. */
    private static List<String> problemsOfOneKey(String key, List<Exchange> answers) {
        List<Exchange> executed = answers.stream().filter(answer -> !answer.replayed()).toList();
        if (executed.size() != 1) {
            return List.of("key " + key + " executed " + executed.size() + " times: " + answers);
        }
        return answers.stream().filter(Exchange::replayed)
                .filter(replay -> replay.status() != executed.get(0).status() || !replay.body().equals(executed.get(0).body()))
                .map(replay -> "key " + key + " replayed " + replay + " instead of " + executed.get(0))
                .toList();
    }

    private static boolean showsPosted(JsonNode transfer, Send send) {
        return transfer.path("id").asText().equals(send.id()) && transfer.path("status").asText().equals("POSTED")
                && transfer.path("debitAccountId").asText().equals(send.debit())
                && transfer.path("creditAccountId").asText().equals(send.credit())
                && transfer.path("amount").asLong() == send.amount() && transfer.path("postedAmount").asLong() == send.amount();
    }

    private static boolean shows(JsonNode projected, Outcome outcome) {
        boolean terms = projected.path("id").asText().equals(outcome.id())
                && projected.path("debitAccountId").asText().equals(outcome.debit())
                && projected.path("creditAccountId").asText().equals(outcome.credit())
                && projected.path("amount").asLong() == outcome.amount();
        return terms && (outcome.accepted()
                ? projected.path("status").asText().equals("POSTED") && projected.path("postedAmount").asLong() == outcome.amount()
                : projected.path("status").asText().equals("REJECTED")
                        && projected.path("rejectionCode").asText().equals(outcome.rejectionCode())
                        && projected.path("postedAmount").asLong() == 0);
    }

    private static void logTraffic(long elapsedNanos) {
        Map<Integer, Long> statuses = exchanges.stream().collect(Collectors.groupingBy(Exchange::status, TreeMap::new, Collectors.counting()));
        int busy = exchanges.stream().mapToInt(Exchange::busy).sum();
        int keyInProgress = exchanges.stream().mapToInt(Exchange::keyInProgress).sum();
        int noAnswer = exchanges.stream().mapToInt(Exchange::noAnswer).sum();
        long[] latencies = exchanges.stream().mapToLong(exchange -> exchange.endedNanos() - exchange.startedNanos()).sorted().toArray();
        long repeats = exchanges.stream().filter(exchange -> exchange.send().repeat()).count();
        log.info("{} transfers ({} repeats of an id, {} of them while an earlier send of the id was still running; {} ids) from {} threads"
                        + " in {} ms: {} per second; final statuses {}, replayed under their key {}; retried: {} x 503, {} x 409"
                        + " IDEMPOTENCY_KEY_IN_PROGRESS, {} x no answer; latency p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
                exchanges.size(), repeats, overlappingRepeats(), outcomes.size(), THREADS, millis(elapsedNanos),
                Math.round(exchanges.size() * 1e9 / elapsedNanos), statuses, exchanges.stream().filter(Exchange::replayed).count(),
                busy, keyInProgress, noAnswer, millis(percentile(latencies, 50)), millis(percentile(latencies, 95)),
                millis(percentile(latencies, 99)), millis(latencies[latencies.length - 1]));
    }

    /** Repeats sent while an earlier send of the same id was still waiting for its answer. */
    private static long overlappingRepeats() {
        Map<String, List<Exchange>> byId = exchanges.stream().collect(Collectors.groupingBy(exchange -> exchange.send().id()));
        return exchanges.stream().filter(exchange -> exchange.send().repeat())
                .filter(repeat -> byId.get(repeat.send().id()).stream().anyMatch(other -> other.send().index() < repeat.send().index()
                        && other.endedNanos() > repeat.startedNanos()))
                .count();
    }

    // --- the ledger's accounts and expected balances ------------------------------------------------------------

    private static List<Outcome> deposits() {
        return hotAccounts().stream().map(account -> new Outcome("dep-" + account, WORLD, account, DEPOSIT, true, null)).toList();
    }

    /** Deposits plus credits minus debits of the accepted transfers, per account, settlement included. */
    private static Map<String, Long> expectedBalances() {
        Map<String, Long> balances = new HashMap<>();
        Stream.concat(deposits().stream(), outcomes.values().stream()).forEach(transfer -> {
            long moved = transfer.accepted() ? transfer.amount() : 0;
            balances.merge(transfer.debit(), -moved, Long::sum);
            balances.merge(transfer.credit(), moved, Long::sum);
        });
        return balances;
    }

    private static synchronized EventStoreLedger store() {
        if (store == null) {
            store = EventStoreLedger.read(stack.jdbcUrl(), stack.databaseUser(), stack.databasePassword());
        }
        return store;
    }

    /** On the client threads; a failure of one is thrown. */
    private static <T> void inParallel(Collection<T> items, Consumer<T> task) throws InterruptedException, ExecutionException {
        List<Callable<Object>> calls = items.stream().map(item -> Executors.callable(() -> task.accept(item))).toList();
        for (Future<Object> done : clients.invokeAll(calls)) {
            done.get();
        }
    }

    private static ConditionFactory awaitProjections() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).atMost(PROJECTION_TIMEOUT);
    }

    // --- small things -------------------------------------------------------------------------------------------

    private static ThreadFactory counted(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
