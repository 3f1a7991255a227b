package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The "All Requests" figures of one Gatling run, from its report's {@code js/stats.js}: a JavaScript object
 * ({@code var stats = { type: ..., stats: {...JSON...}, contents: ... }}) whose inner {@code stats} is JSON.
 * Percentiles are Gatling's defaults (percentiles1..4 = 50, 75, 95, 99), in whole milliseconds.
 */
public record GatlingStats(long requests, long ko, double requestsPerSecond, double p50, double p75, double p95,
                           double p99, double max) {

    /** The newest report under {@code resultsFolder} (Gatling's {@code gatling.resultsFolder}). */
    public static Optional<GatlingStats> newestIn(Path resultsFolder) {
        if (!Files.isDirectory(resultsFolder)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(resultsFolder)) {
            return runs.map(run -> run.resolve("js").resolve("stats.js"))
                    .filter(Files::isRegularFile)
                    .max(Comparator.comparing(path -> path.getParent().getParent().getFileName().toString()))
                    .map(GatlingStats::read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GatlingStats read(Path statsJs) {
        try {
            return parse(Files.readString(statsJs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static GatlingStats parse(String statsJs) {
        int start = statsJs.indexOf("stats: {");
        if (start < 0) {
            throw new IllegalArgumentException("no global stats in Gatling's stats.js");
        }
        Map<String, Object> stats = (Map<String, Object>) Json.parseAt(statsJs, start + "stats: ".length());
        return new GatlingStats(
                (long) total(stats, "numberOfRequests"),
                (long) number(stats, "numberOfRequests", "ko"),
                total(stats, "meanNumberOfRequestsPerSecond"),
                total(stats, "percentiles1"),
                total(stats, "percentiles2"),
                total(stats, "percentiles3"),
                total(stats, "percentiles4"),
                total(stats, "maxResponseTime"));
    }

    private static double total(Map<String, Object> stats, String name) {
        return number(stats, name, "total");
    }

    /** Gatling writes numbers as strings, and "-" for none. */
    @SuppressWarnings("unchecked")
    private static double number(Map<String, Object> stats, String name, String column) {
        Object indicator = stats.get(name);
        if (!(indicator instanceof Map)) {
            throw new IllegalArgumentException("no " + name + " in Gatling's stats.js");
        }
        Object value = ((Map<String, Object>) indicator).get(column);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        String text = String.valueOf(value);
        return "-".equals(text) ? 0 : Double.parseDouble(text);
    }
}
