package io.ledgerflow.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * What a client owning many accounts does to everyone's reads (probe F2, twenty-ninth session). An operator opens
 * {@code .accounts} (9,000) accounts for one owner ({@code .owner}, a client of the local stack: bob) and
 * {@code .background-accounts} (200) for another ({@code .reader}: alice), and moves money among the reader's in
 * {@code .batches} (300) batches of 100; then 40 transfers among five of the owner's. Once the owner's list shows
 * all 45 (5 deposits, 40 transfers), it measures:
 * <ol>
 *   <li>the owner's transfer list ({@code GET /api/v1/transfers?limit=50}, no account named), three times alone;</li>
 *   <li>ten of those sent together (a pool of 8 threads, so eight run at once and two follow), and meanwhile the reader's account read and transfer list of one account, five times
 *       each, one second apart.</li>
 * </ol>
 * Each request waits up to 120 s for its answer. Results (first argument, or {@code ledgerflow.bench.results-file}):
 * status and seconds of every request, by part. Never asserted: a figure of the harness.
 */
public final class ManyAccountsLists {

    private static final String CURRENCY = "USD";
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int OWNER_TRANSFERS = 40;

    private final Targets targets;
    private final String runId = RunIds.next();

    private ManyAccountsLists(Targets targets) {
        this.targets = targets;
    }

    public static void main(String[] args) throws Exception {
        Targets targets = Targets.fromSystemProperties();
        String owner = System.getProperty("ledgerflow.bench.many-lists.owner", "bob");
        String reader = System.getProperty("ledgerflow.bench.many-lists.reader", "alice");
        int accounts = Integer.getInteger("ledgerflow.bench.many-lists.accounts", 9_000);
        int background = Integer.getInteger("ledgerflow.bench.many-lists.background-accounts", 200);
        int batches = Integer.getInteger("ledgerflow.bench.many-lists.batches", 300);
        String resultsFile = args.length > 0 ? args[0] : System.getProperty("ledgerflow.bench.results-file");

        ManyAccountsLists probe = new ManyAccountsLists(targets);
        Properties results = probe.run(owner, reader, accounts, background, batches);
        results.list(System.out);
        if (resultsFile != null) {
            ResultsFile.store(Path.of(resultsFile), results, "ManyAccountsLists");
        }
    }

    private Properties run(String owner, String reader, int accountCount, int backgroundCount, int batches)
            throws Exception {
        LedgerClient operator = new LedgerClient(targets, Tokens.clientCredentials(targets.token(), "operator"));
        String ownerToken = Tokens.clientCredentials(targets.token(), owner);
        String readerToken = Tokens.clientCredentials(targets.token(), reader);
        List<String> owned = ids("own", accountCount);
        List<String> background = ids("bg", backgroundCount);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            long started = System.nanoTime();
            Funding.eachInParallel(owned, id -> operator.openAccount(id, owner, CURRENCY));
            Funding.eachInParallel(background, id -> operator.openAccount(id, reader, CURRENCY));
            Funding.eachInParallel(background, id -> operator.deposit(id, "dep-" + id, 1_000_000_000L));
            Funding.eachInParallel(IntStream.range(0, batches).boxed().toList(), batch -> operator.batch(batchOf(batch, background)));
            Funding.eachInParallel(owned.subList(0, 5), id -> operator.deposit(id, "dep-" + id, 1_000_000L));
            for (int i = 0; i < OWNER_TRANSFERS; i++) {
                operator.transfer("%s-own-t%d".formatted(runId, i), owned.get(i % 5), owned.get(100 + i), 1, CURRENCY);
            }
            System.out.printf(Locale.ROOT, "set up in %.0f s%n", (System.nanoTime() - started) / 1e9);
            awaitOwnersList(ownerToken, 5 + OWNER_TRANSFERS);

            Properties results = new Properties();
            for (int i = 1; i <= 3; i++) {
                results.setProperty("alone." + i, timed(ownerToken, "/api/v1/transfers?limit=50"));
            }
            List<Future<String>> flood = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                flood.add(pool.submit(() -> timed(ownerToken, "/api/v1/transfers?limit=50")));
            }
            Thread.sleep(2_000);
            for (int i = 1; i <= 5; i++) {
                results.setProperty("reader.account." + i, timed(readerToken, "/api/v1/accounts/" + background.get(1)));
                results.setProperty("reader.list." + i,
                        timed(readerToken, "/api/v1/transfers?limit=5&accountId=" + background.get(1)));
                Thread.sleep(1_000);
            }
            for (int i = 0; i < flood.size(); i++) {
                results.setProperty("ten-at-once." + (i + 1), flood.get(i).get());
            }
            results.setProperty("owned-accounts", String.valueOf(accountCount));
            results.setProperty("background-transfers", String.valueOf(batches * 100));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** "status seconds" of one read, or "error seconds" when it got no answer. */
    private String timed(String token, String pathAndQuery) {
        long started = System.nanoTime();
        String status;
        try {
            status = String.valueOf(get(token, pathAndQuery).status());
        } catch (RuntimeException e) {
            status = "error";
        }
        return String.format(Locale.ROOT, "%s %.2f", status, (System.nanoTime() - started) / 1e9);
    }

    private void awaitOwnersList(String ownerToken, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            LedgerClient.Response list = get(ownerToken, "/api/v1/transfers?limit=100");
            if (list.status() == 200 && count(list.body(), "\"id\"") >= expected) {
                return;
            }
            Thread.sleep(2_000);
        }
        System.out.println("the owner's list never showed all " + expected + " transfers: measuring anyway");
    }

    private LedgerClient.Response get(String token, String pathAndQuery) {
        return LedgerClient.send(HttpRequest.newBuilder(URI.create(Targets.base(targets.query()) + pathAndQuery))
                .timeout(PATIENCE).header("Authorization", "Bearer " + token).GET().build());
    }

    private String batchOf(int batch, List<String> accounts) {
        StringBuilder json = new StringBuilder("{\"transfers\":[");
        for (int i = 0; i < 100; i++) {
            int debit = ThreadLocalRandom.current().nextInt(accounts.size());
            int credit = (debit + 1 + ThreadLocalRandom.current().nextInt(accounts.size() - 1)) % accounts.size();
            json.append(i == 0 ? "" : ",").append(("{\"id\":\"%s-b%d-%d\",\"debitAccountId\":\"%s\","
                    + "\"creditAccountId\":\"%s\",\"amount\":1,\"currency\":\"%s\"}")
                    .formatted(runId, batch, i, accounts.get(debit), accounts.get(credit), CURRENCY));
        }
        return json.append("]}").toString();
    }

    private List<String> ids(String kind, int count) {
        return IntStream.range(0, count).mapToObj(i -> "%s-%s-%05d".formatted(runId, kind, i)).toList();
    }

    private static int count(String text, String what) {
        int found = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            found++;
        }
        return found;
    }
}
