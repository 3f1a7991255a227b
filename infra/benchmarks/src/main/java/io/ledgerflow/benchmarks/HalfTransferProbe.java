package io.ledgerflow.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Whether the query side ever shows half a transfer, counted from outside. One owner's {@code .accounts} (8)
 * accounts, funded alike; {@code .writers} (8) threads post transfers among only those accounts for {@code .seconds}
 * (20), while one reader lists the owner's accounts ({@code GET /api/v1/accounts?ownerId=}, one page) as fast as it
 * is answered. Money only moves between them, so every list must add up to what was deposited: a list that does not
 * shows a debit without its credit (or the reverse). PRODUCT.md allows none. A query side that never showed a
 * transfer would pass that too, so the probe also counts the lists that showed newer transfers than every list
 * before them, and checks that the last one shows every transfer. Never asserted: a figure of the harness.
 * <p>
 * Results (first argument, or {@code ledgerflow.bench.results-file}): {@code lists}, {@code halfLists} (lists whose
 * sum was off), {@code maxOff} (the largest difference seen), {@code advancingLists} (lists whose versions added up
 * to more than any list's before), {@code transfers} (answered 201), {@code settled} (whether a list, once the load
 * stopped, added up and showed every transfer answered 201: each adds a version to two accounts). The first lists that
 * did not add up are written to standard output whole.
 */
public final class HalfTransferProbe {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CURRENCY = "EUR";
    private static final long FUNDING = 1_000_000L;
    /** Lists that did not add up, written out whole (each account's id, version and balances) to the log. */
    private static final int KEPT_HALF_LISTS = 3;

    private final LedgerClient viewer;
    private final String owner;
    private final long expected;

    HalfTransferProbe(LedgerClient viewer, String owner, long expected) {
        this.viewer = viewer;
        this.owner = owner;
        this.expected = expected;
    }

    public static void main(String[] args) throws InterruptedException {
        Targets targets = Targets.fromSystemProperties();
        int accountCount = Integer.getInteger("ledgerflow.bench.half.accounts", 8);
        int writers = Integer.getInteger("ledgerflow.bench.half.writers", 8);
        Duration load = Duration.ofSeconds(Integer.getInteger("ledgerflow.bench.half.seconds", 20));
        String runId = RunIds.next();
        String owner = "half-" + runId;
        List<String> accounts = IntStream.range(0, accountCount).mapToObj(i -> owner + "-" + i).toList();

        LedgerClient operator = new LedgerClient(targets, Tokens.clientCredentials(targets.token(), "operator"));
        for (String account : accounts) {
            operator.openAccount(account, owner, CURRENCY);
            operator.deposit(account, "fund-" + account, FUNDING);
        }
        HalfTransferProbe probe = new HalfTransferProbe(
                new LedgerClient(targets, Tokens.clientCredentials(targets.token(), "viewer")), owner,
                FUNDING * accountCount);
        probe.awaitSettled(Duration.ofSeconds(60), 2L * accountCount);

        AtomicLong sequence = new AtomicLong();
        LongAdder transfers = new LongAdder();
        long end = System.nanoTime() + load.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread writer = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    int debit = random.nextInt(accountCount);
                    int credit = (debit + 1 + random.nextInt(accountCount - 1)) % accountCount;
                    if (operator.transfer(owner + "-t-" + sequence.incrementAndGet(), accounts.get(debit),
                            accounts.get(credit), random.nextLong(1, 101), CURRENCY).status() == 201) {
                        transfers.increment();
                    }
                }
            }, "half-writer-" + w);
            writer.start();
            threads.add(writer);
        }
        Counts counts = new Counts();
        while (System.nanoTime() < end) {
            String list = probe.list();
            Listed listed = Listed.of(list);
            counts.add(listed.posted() - probe.expected, listed.versions());
            if (listed.posted() != probe.expected && counts.halfLists <= KEPT_HALF_LISTS) {
                // enough to find, in the history, which transfer showed on one side only
                System.out.println("half-transfer list, off by " + (listed.posted() - probe.expected)
                        + " at " + Instant.now() + ": " + list);
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // an account is at version 1 once opened, 2 once funded, and one more for each leg
        boolean settled = probe.awaitSettled(Duration.ofSeconds(60), 2L * accountCount + 2 * transfers.sum());

        Properties results = counts.toProperties();
        results.setProperty("accounts", Integer.toString(accountCount));
        results.setProperty("writers", Integer.toString(writers));
        results.setProperty("seconds", Long.toString(load.toSeconds()));
        results.setProperty("transfers", Long.toString(transfers.sum()));
        results.setProperty("settled", Boolean.toString(settled));
        System.out.println("HalfTransferProbe: " + new java.util.TreeMap<>(results));
        String file = args.length > 0 ? args[0] : System.getProperty("ledgerflow.bench.results-file");
        if (file != null) {
            ResultsFile.store(Path.of(file), results, "account lists that showed half a transfer");
        }
    }

    /** Lists until the owner's accounts add up to what was deposited and show these versions, or the time is up. */
    boolean awaitSettled(Duration atMost, long versions) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < end) {
            Listed listed = listed();
            if (listed.posted() == expected && listed.versions() >= versions) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Σ posted and Σ version over one page of the owner's accounts, as the query side answers it. */
    Listed listed() {
        return Listed.of(list());
    }

    /** One page of the owner's accounts, as the query side answers it (JSON). */
    String list() {
        LedgerClient.Response response = viewer.accountsOf(owner);
        if (response.status() != 200) {
            throw new IllegalStateException("list: HTTP " + response.status() + " " + response.body());
        }
        return response.body();
    }

    record Listed(long posted, long versions) {

        static Listed of(String listJson) {
            try {
                long posted = 0;
                long versions = 0;
                for (JsonNode item : MAPPER.readTree(listJson).path("items")) {
                    posted += item.path("posted").asLong();
                    versions += item.path("version").asLong();
                }
                return new Listed(posted, versions);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** How many lists were read, how many of them were off, and by how much at most. */
    static final class Counts {
        private long lists;
        private long halfLists;
        private long maxOff;
        private long advancingLists;
        private long mostVersions = -1;

        void add(long off, long versions) {
            lists++;
            if (off != 0) {
                halfLists++;
                maxOff = Math.max(maxOff, Math.abs(off));
            }
            if (versions > mostVersions) {
                advancingLists += mostVersions < 0 ? 0 : 1;
                mostVersions = versions;
            }
        }

        Properties toProperties() {
            Properties properties = new Properties();
            properties.setProperty("lists", Long.toString(lists));
            properties.setProperty("halfLists", Long.toString(halfLists));
            properties.setProperty("maxOff", Long.toString(maxOff));
            properties.setProperty("advancingLists", Long.toString(advancingLists));
            properties.setProperty("halfPercent", String.format(Locale.ROOT, "%.2f",
                    lists == 0 ? 0.0 : 100.0 * halfLists / lists));
            return properties;
        }
    }
}
