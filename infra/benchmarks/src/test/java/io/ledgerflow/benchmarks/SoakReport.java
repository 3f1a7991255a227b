package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * MixedRetriesSoak's findings: printed, and written as properties to {@code ledgerflow.bench.results-file}
 * when given. The heap counts as flat when it grew by at most {@code ledgerflow.bench.soak.heap-growth-mb} (64)
 * between the full GCs before and after the load.
 */
final class SoakReport {

    private final String runId;
    private final SoakOutcomes outcomes;
    private final List<HeapSampler.Sample> heap;
    private final Map<String, String> figures = new TreeMap<>();
    private final List<String> lines = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    SoakReport(String runId, Duration duration, SoakOutcomes outcomes, List<HeapSampler.Sample> heap) {
        this.runId = runId;
        this.outcomes = outcomes;
        this.heap = heap;
        figures.put("run", runId);
        figures.put("seconds", Long.toString(duration.toSeconds()));
        heap();
        statuses();
    }

    private void heap() {
        HeapSampler.Sample first = heap.get(0);
        HeapSampler.Sample last = heap.get(heap.size() - 1);
        figures.put("heap.samples", heap.toString());
        lines.add("heap after full GC (command-service): " + heap);
        if (first.usedBytes() < 0 || last.usedBytes() < 0) {
            failures.add("heap not measured at the start or the end: " + first + " / " + last);
            return;
        }
        long growth = last.usedBytes() - first.usedBytes();
        long allowed = Long.getLong("ledgerflow.bench.soak.heap-growth-mb", 64) * 1024 * 1024;
        figures.put("heap.startBytes", Long.toString(first.usedBytes()));
        figures.put("heap.endBytes", Long.toString(last.usedBytes()));
        figures.put("heap.growthBytes", Long.toString(growth));
        lines.add("  start " + HeapProbe.megabytes(first.usedBytes()) + ", end " + HeapProbe.megabytes(last.usedBytes())
                + ", growth " + HeapProbe.megabytes(growth) + (growth <= allowed ? " (flat)" : " (NOT flat: more than "
                + HeapProbe.megabytes(allowed) + ")"));
        if (growth > allowed) {
            failures.add("heap grew by " + HeapProbe.megabytes(growth));
        }
    }

    private void statuses() {
        Map<String, Long> counts = outcomes.statuses.snapshot();
        long all = counts.values().stream().mapToLong(Long::longValue).sum();
        long serverErrors = counts.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".0") || e.getKey().matches(".*\\.5\\d\\d")).mapToLong(Map.Entry::getValue).sum();
        counts.forEach((key, count) -> figures.put("status." + key, Long.toString(count)));
        figures.put("responses", Long.toString(all));
        figures.put("serverErrorsOrNoResponse", Long.toString(serverErrors));
        figures.put("unexpected", Integer.toString(outcomes.unexpectedCount()));
        figures.put("retriedIdsCreatedMoreThanOnce", Long.toString(outcomes.createdMoreThanOnce()));
        lines.add("responses by request and status (" + all + "): " + counts);
        lines.add("  5xx or no response: " + serverErrors + "; any status but 200/201/422: " + outcomes.unexpectedCount()
                + "; ids answered 201 more than once: " + outcomes.createdMoreThanOnce());
        outcomes.unexpected().forEach(answer -> lines.add("    " + answer));
        figures.put("retries", outcomes.retrySpread());
        lines.add("  same-id retries: " + outcomes.retrySpread());
        if (outcomes.unexpectedCount() > 0) {
            failures.add(outcomes.unexpectedCount() + " unexpected answers (" + serverErrors + " 5xx or none)");
        }
        if (outcomes.createdMoreThanOnce() > 0) {
            failures.add(outcomes.createdMoreThanOnce() + " ids answered 201 more than once");
        }
    }

    /** The event store's and the projections' view of the money, and exactly-once per accepted id. */
    void audit(Targets targets, LedgerAudit audit, Duration catchUp) {
        try {
            LedgerAudit.Balances balances = audit.eventStore();
            Map<String, Long> sums = balances.sumByCurrency();
            sums.forEach((currency, sum) -> figures.put("eventStore.sum." + currency, Long.toString(sum)));
            lines.add("event store: " + balances.postedByAccount().size() + " accounts, sum of posted per currency " + sums);
            if (sums.values().stream().anyMatch(sum -> sum != 0)) {
                failures.add("event store: sum of posted per currency is not 0: " + sums);
            }
            exactlyOnce(audit);
            LedgerAudit.Projections projections = LedgerAudit.projectionsCaughtUp(targets,
                    Tokens.clientCredentials(targets.token(), "viewer"), balances, catchUp);
            projections.sumByCurrency().forEach((currency, sum) -> figures.put("projections.sum." + currency, Long.toString(sum)));
            figures.put("projections.caughtUp", Boolean.toString(projections.caughtUp()));
            figures.put("projections.waitedSeconds", Long.toString(projections.waited().toSeconds()));
            lines.add("projections: " + (projections.caughtUp() ? "caught up" : "NOT caught up, " + projections.behind().size()
                    + " accounts behind " + projections.behind().stream().limit(10).toList()) + " after "
                    + projections.waited().toSeconds() + " s; sum of posted per currency " + projections.sumByCurrency());
            if (!projections.caughtUp()) {
                failures.add("projections not caught up after " + projections.waited().toSeconds() + " s");
            }
            if (projections.sumByCurrency().values().stream().anyMatch(sum -> sum != 0)) {
                failures.add("projections: sum of posted per currency is not 0: " + projections.sumByCurrency());
            }
        } catch (RuntimeException e) {
            lines.add("audit failed: " + e);
            failures.add("audit failed: " + e.getMessage());
        }
    }

    private void exactlyOnce(LedgerAudit audit) {
        Map<String, LedgerAudit.TransferCount> counts = audit.transferCounts("-" + runId + "-");
        List<String> notOnce = new ArrayList<>();
        for (String id : outcomes.accepted) {
            LedgerAudit.TransferCount count = counts.getOrDefault(id, new LedgerAudit.TransferCount(0, 0, 0, 0));
            if (!count.appliedOnce()) {
                notOnce.add(id + " (" + count + ")");
            }
        }
        List<String> rejectedButApplied = new ArrayList<>();
        for (String id : outcomes.rejected) {
            LedgerAudit.TransferCount count = counts.get(id);
            if (outcomes.accepted.contains(id) || count != null && !count.untouched()) {
                rejectedButApplied.add(id + " (" + count + (outcomes.accepted.contains(id) ? ", also answered 2xx" : "") + ")");
            }
        }
        long appliedUnanswered = counts.entrySet().stream()
                .filter(e -> !outcomes.accepted.contains(e.getKey()) && !e.getValue().untouched()).count();
        Map<String, LedgerAudit.TransferCount> duplicates = audit.transferCounts(null);
        figures.put("accepted", Integer.toString(outcomes.accepted.size()));
        figures.put("acceptedNotAppliedOnce", Integer.toString(notOnce.size()));
        figures.put("rejected", Integer.toString(outcomes.rejected.size()));
        figures.put("rejectedButApplied", Integer.toString(rejectedButApplied.size()));
        figures.put("appliedWithoutA2xx", Long.toString(appliedUnanswered));
        figures.put("idsAppliedMoreThanOnceAnywhere", Integer.toString(duplicates.size()));
        lines.add("exactly once: " + outcomes.accepted.size() + " accepted ids (2xx), " + notOnce.size()
                + " of them not applied exactly once (1 TransferPosted, 1 AccountDebited, 1 AccountCredited) "
                + notOnce.stream().limit(10).toList() + "; " + outcomes.rejected.size() + " rejected ids (422), "
                + rejectedButApplied.size() + " of them with effects " + rejectedButApplied.stream().limit(10).toList()
                + "; applied without a 2xx answer (e.g. after a 5xx): " + appliedUnanswered
                + "; ids applied more than once anywhere in the store: " + duplicates.size()
                + " " + duplicates.entrySet().stream().limit(10).toList());
        if (!notOnce.isEmpty() || !rejectedButApplied.isEmpty() || !duplicates.isEmpty()) {
            failures.add("exactly-once broken: " + notOnce.size() + " accepted ids not applied once, " + rejectedButApplied.size()
                    + " rejected ids with effects, " + duplicates.size() + " ids applied more than once");
        }
    }

    void print() {
        String verdict = failures.isEmpty() ? "PASS" : "FAIL " + failures;
        figures.put("verdict", verdict);
        lines.forEach(line -> System.out.println("MixedRetriesSoak: " + line));
        System.out.println("MixedRetriesSoak verdict: " + verdict);
        String file = System.getProperty("ledgerflow.bench.results-file");
        if (file == null) {
            return;
        }
        Properties properties = new Properties();
        properties.putAll(figures);
        try {
            Path path = Path.of(file).toAbsolutePath();
            Files.createDirectories(path.getParent());
            try (Writer out = Files.newBufferedWriter(path)) {
                properties.store(out, "MixedRetriesSoak run " + runId);
            }
            Files.writeString(path.resolveSibling(path.getFileName() + ".txt"),
                    String.join("\n", lines) + "\nverdict: " + verdict + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
