package io.ledgerflow.benchmarks;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What a batch buys: the same number of transfers ({@code ledgerflow.bench.batch.transfers}, 4,000) sent at the
 * same concurrency ({@code .users}, 4) in batches of 1, 10, 100 and 1,000 ({@code .sizes}), one size after the
 * other, through {@code POST /api/v1/transfers/batch}. Each virtual user moves money among its own
 * {@code .accounts-per-user} (10) accounts, opened and funded before the load, so users never wait for each other's
 * locks: the figures are the cost per transfer of one request and one transaction, not contention. Every batch
 * is expected to answer 201. A short warm-up (batches of 10) runs first and is not counted.
 * <p>
 * Reports, per size: transfers/s (transfers applied / the size's wall-clock time), requests/s, and the ratio of its
 * transfers/s to that of batches of 1; printed and written to {@code ledgerflow.bench.results-file}.
 */
public class BatchTransfers extends Simulation {

    private static final String CURRENCY = "USD";
    private static final long FUNDING = 1_000_000_000L;

    private final Targets targets = Targets.fromSystemProperties();
    private final int users = Integer.getInteger("ledgerflow.bench.batch.users", 4);
    private final int transfers = Integer.getInteger("ledgerflow.bench.batch.transfers", 4_000);
    private final int accountsPerUser = Integer.getInteger("ledgerflow.bench.batch.accounts-per-user", 10);
    private final int warmup = Integer.getInteger("ledgerflow.bench.batch.warmup", 20);
    private final Duration maxDuration = Duration.ofSeconds(Integer.getInteger("ledgerflow.bench.batch.max-seconds", 540));
    private final List<Integer> sizes = parseSizes(System.getProperty("ledgerflow.bench.batch.sizes", "1,10,100,1000"));
    private final String runId = RunIds.next();
    private final AtomicInteger nextUser = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Integer, Phase> phases = new LinkedHashMap<>();
    private volatile String token;

    /** One batch size: when its first request left, when its last answer came, what was answered. */
    private static final class Phase {
        final AtomicLong start = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong end = new AtomicLong();
        final AtomicInteger finished = new AtomicInteger();
        final LongAdder applied = new LongAdder();
        final LongAdder requests = new LongAdder();
        final Map<Integer, LongAdder> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    }

    private final HttpProtocolBuilder protocol = http.baseUrl(Targets.base(targets.command()))
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            .authorizationHeader("Bearer #{token}");

    {
        if (users < 1 || accountsPerUser < 2 || transfers < 1 || transfers > 100_000) {
            throw new IllegalArgumentException("batch: users >= 1, accounts-per-user >= 2, 1 <= transfers <= 100000");
        }
        for (int size : sizes) {
            if (size < 1 || size > 1_000 || transfers % (users * size) != 0) {
                throw new IllegalArgumentException("batch size " + size + ": 1..1000 and users x size must divide "
                        + transfers + " transfers");
            }
            phases.put(size, new Phase());
        }
        PopulationBuilder population = scenarioFor(0, warmup).injectOpen(atOnceUsers(users));
        List<PopulationBuilder> next = new ArrayList<>();
        for (int size : sizes) {
            next.add(scenarioFor(size, transfers / (users * size)).injectOpen(atOnceUsers(users)));
        }
        PopulationBuilder chained = population;
        for (PopulationBuilder then : next) {
            chained = chained.andThen(then);
        }
        setUp(chained).protocols(protocol).maxDuration(maxDuration);
    }

    /** {@code size} 0: the warm-up, batches of 10 that are not counted. */
    private ScenarioBuilder scenarioFor(int size, int batchesPerUser) {
        int itemCount = size == 0 ? 10 : size;
        String name = size == 0 ? "warm-up" : "batch of " + size;
        return scenario(name)
                .exec(session -> session.set("token", token).set("user", nextUser.getAndIncrement() % users))
                .exec(session -> mark(size, true, session))
                .exec(repeat(batchesPerUser).on(
                        exec(session -> session.set("body", body(session.getInt("user"), itemCount)))
                                .exec(http(name).post("/api/v1/transfers/batch")
                                        .body(StringBody("#{body}"))
                                        .check(status().saveAs("status"), status().is(201)))
                                .exec(session -> count(size, itemCount, session))))
                .exec(session -> mark(size, false, session));
    }

    /**
     * A size's first user to start takes the CPU snapshot {@code batch-<size>-start} (on a thread of its own, so no
     * user waits for it) and its last user to finish {@code batch-<size>-end}: the processes' CPU over that size alone.
     */
    private Session mark(int size, boolean start, Session session) {
        Phase phase = phases.get(size);
        if (phase != null) {
            long now = System.nanoTime();
            if (start) {
                if (phase.start.getAndAccumulate(now, Math::min) == Long.MAX_VALUE) {
                    Thread snapshot = new Thread(() -> StackProcesses.snapshotIfConfigured("batch-" + size + "-start"),
                            "batch-phase-start");
                    snapshot.setDaemon(true);
                    snapshot.start();
                }
            } else {
                phase.end.accumulateAndGet(now, Math::max);
                if (phase.finished.incrementAndGet() == users) {
                    StackProcesses.snapshotIfConfigured("batch-" + size + "-end");
                }
            }
        }
        return session;
    }

    private Session count(int size, int itemCount, Session session) {
        Phase phase = phases.get(size);
        int status = session.contains("status") ? session.getInt("status") : 0;
        if (phase != null) {
            phase.end.accumulateAndGet(System.nanoTime(), Math::max); // the last answer, should maxDuration cut the size
            phase.requests.increment();
            phase.statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status == 201) {
                phase.applied.add(itemCount);
            }
        }
        return session.remove("status");
    }

    /** {@code count} transfers between random distinct accounts of this user, 1..100 each: none can overdraw. */
    private String body(int user, int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder body = new StringBuilder(count * 140).append("{\"transfers\":[");
        for (int i = 0; i < count; i++) {
            int debit = random.nextInt(accountsPerUser);
            int credit = (debit + 1 + random.nextInt(accountsPerUser - 1)) % accountsPerUser;
            body.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"bt-").append(runId).append('-').append(sequence.incrementAndGet())
                    .append("\",\"debitAccountId\":\"").append(account(user, debit))
                    .append("\",\"creditAccountId\":\"").append(account(user, credit))
                    .append("\",\"amount\":").append(random.nextInt(1, 101))
                    .append(",\"currency\":\"" + CURRENCY + "\"}");
        }
        return body.append("]}").toString();
    }

    private String account(int user, int index) {
        return "batch-" + runId + "-" + user + "-" + index;
    }

    @Override
    public void before() {
        System.out.println("BatchTransfers: " + transfers + " transfers per size " + sizes + ", " + users + " users, "
                + accountsPerUser + " accounts each, at " + targets.command());
        token = Tokens.clientCredentials(targets.token(), "operator");
        LedgerClient ledger = new LedgerClient(targets, token);
        IntStream.range(0, users).forEach(user -> IntStream.range(0, accountsPerUser).forEach(index -> {
            ledger.openAccount(account(user, index), CURRENCY);
            ledger.deposit(account(user, index), "fund-" + account(user, index), FUNDING);
        }));
    }

    @Override
    public void after() {
        Properties results = new Properties();
        Double baseline = null;
        StringBuilder table = new StringBuilder("BatchTransfers | size | requests | transfers applied | seconds | "
                + "transfers/s | requests/s | vs size 1 | statuses\n");
        for (Map.Entry<Integer, Phase> entry : phases.entrySet()) {
            int size = entry.getKey();
            Phase phase = entry.getValue();
            double seconds = phase.end.get() > phase.start.get() ? (phase.end.get() - phase.start.get()) / 1e9 : Double.NaN;
            double perSecond = phase.applied.sum() / seconds;
            if (size == 1) {
                baseline = perSecond;
            }
            String ratio = baseline == null ? "n/a" : String.format("%.2f", perSecond / baseline);
            Map<Integer, Long> statuses = new java.util.TreeMap<>();
            phase.statuses.forEach((status, count) -> statuses.put(status, count.sum()));
            table.append(String.format("BatchTransfers | %d | %d | %d | %.1f | %.1f | %.2f | %s | %s%n", size,
                    phase.requests.sum(), phase.applied.sum(), seconds, perSecond, phase.requests.sum() / seconds,
                    ratio, statuses));
            String prefix = "batch." + size + ".";
            results.setProperty(prefix + "requests", Long.toString(phase.requests.sum()));
            results.setProperty(prefix + "transfers", Long.toString(phase.applied.sum()));
            results.setProperty(prefix + "seconds", String.format("%.3f", seconds));
            results.setProperty(prefix + "transfers-per-second", String.format("%.1f", perSecond));
            results.setProperty(prefix + "ratio-to-size-1", ratio);
            results.setProperty(prefix + "statuses", statuses.toString());
        }
        System.out.print(table);
        String file = System.getProperty("ledgerflow.bench.results-file");
        if (file != null) {
            try {
                Path path = Path.of(file).toAbsolutePath();
                Files.createDirectories(path.getParent());
                try (Writer out = Files.newBufferedWriter(path)) {
                    results.store(out, "BatchTransfers: transfers/s per batch size, ratio to batches of 1");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<Integer> parseSizes(String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            sizes.add(Integer.parseInt(part.trim()));
        }
        return sizes;
    }
}
