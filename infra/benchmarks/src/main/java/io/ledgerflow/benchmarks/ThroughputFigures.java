package io.ledgerflow.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Issue 8's figures, computed from what the steps of one pass left in its directory ({@code run-benchmarks.sh},
 * pass 1): see {@link ThroughputReport} for the files and what each figure means. Everything here is arithmetic on
 * those files; a figure whose inputs are missing is empty.
 */
final class ThroughputFigures {

    private final Path pass;
    private final Path cpu;

    ThroughputFigures(Path pass) {
        this.pass = pass;
        this.cpu = pass.resolve("cpu");
    }

    Optional<Properties> file(String name) {
        return ResultsFile.load(pass.resolve(name));
    }

    Optional<GatlingStats> gatling(String name) {
        return GatlingStats.newestIn(pass.resolve(name));
    }

    Optional<CpuSnapshot> snapshot(String name) {
        return CpuSnapshot.load(cpu.resolve(name + ".properties"));
    }

    static OptionalDouble number(Optional<Properties> file, String key) {
        return file.map(p -> p.getProperty(key)).filter(v -> !v.isBlank() && !"NaN".equals(v))
                .map(v -> OptionalDouble.of(Double.parseDouble(v))).orElse(OptionalDouble.empty());
    }

    /** Transfers answered 201 by SpreadTransfers' load. */
    OptionalDouble spreadTransfers() {
        return number(file("spread-load.properties"), "transfers");
    }

    OptionalDouble spreadTransfersPerSecond() {
        return number(file("spread-load.properties"), "transfersPerSecond");
    }

    /** A deposit simulation's rate and p99: over its steady window ({@code <name>-load.properties}), else Gatling's. */
    record DepositRate(double perSecond, double p99, boolean steady) {
    }

    Optional<DepositRate> deposits(String name) {
        Optional<Properties> window = file(name + "-load.properties");
        OptionalDouble perSecond = number(window, "depositsPerSecond");
        OptionalDouble p99 = number(window, "p99");
        if (perSecond.isPresent() && p99.isPresent()) {
            return Optional.of(new DepositRate(perSecond.getAsDouble(), p99.getAsDouble(), true));
        }
        return gatling(name).map(stats -> new DepositRate(stats.requestsPerSecond(), stats.p99(), false));
    }

    /**
     * CPU milliseconds per transfer of each process over SpreadTransfers' load: from its first request to
     * {@code until} ({@code spread-end}: its last answer; {@code spread-drained}: once the query side had caught up
     * afterwards, so the publishing and projecting the load left behind is counted too).
     */
    Map<String, Double> cpuPerTransfer(String until) {
        Optional<CpuSnapshot> start = snapshot("spread-start");
        Optional<CpuSnapshot> end = snapshot(until);
        OptionalDouble transfers = spreadTransfers();
        if (start.isEmpty() || end.isEmpty() || transfers.isEmpty()) {
            return Map.of();
        }
        return perUnit(end.get().cpuMillisSince(start.get(), StackProcesses.NAMES), (long) transfers.getAsDouble());
    }

    /**
     * CPU milliseconds per transfer of each process while BatchTransfers sent batches of {@code size}: from its first
     * request to its last answer, over the transfers applied.
     */
    Map<String, Double> cpuPerBatchedTransfer(int size) {
        Optional<CpuSnapshot> start = snapshot("batch-" + size + "-start");
        Optional<CpuSnapshot> end = snapshot("batch-" + size + "-end");
        OptionalDouble transfers = number(file("batch.properties"), "batch." + size + ".transfers");
        if (start.isEmpty() || end.isEmpty() || transfers.isEmpty() || transfers.getAsDouble() < 1) {
            return Map.of();
        }
        return perUnit(end.get().cpuMillisSince(start.get(), StackProcesses.NAMES), (long) transfers.getAsDouble());
    }

    static Map<String, Double> perUnit(Map<String, Double> millis, long units) {
        Map<String, Double> per = new LinkedHashMap<>();
        millis.forEach((name, value) -> per.put(name, CpuSnapshot.perUnit(value, units)));
        return per;
    }

    static double total(Map<String, Double> perProcess) {
        return perProcess.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * Query-service CPU per read in MixedLoad's read phase: its CPU in that phase, less what projecting that phase's
     * transfers costs (at SpreadTransfers' query-service CPU per transfer), over the reads answered.
     */
    static double cpuPerRead(double queryMillis, double queryMillisPerTransfer, long transfers, long reads) {
        return CpuSnapshot.perUnit(Math.max(0, queryMillis - queryMillisPerTransfer * transfers), reads);
    }

    /** The query-service's CPU milliseconds in the read phase, if both snapshots exist. */
    OptionalDouble queryMillisInReadPhase() {
        Optional<CpuSnapshot> start = snapshot("mix-reads");
        Optional<CpuSnapshot> end = snapshot("mix-end");
        if (start.isEmpty() || end.isEmpty()) {
            return OptionalDouble.empty();
        }
        Double millis = end.get().cpuMillisSince(start.get(), java.util.List.of(StackProcesses.QUERY)).get(StackProcesses.QUERY);
        return millis == null ? OptionalDouble.empty() : OptionalDouble.of(millis);
    }

    /** VmHWM of each process, the highest any snapshot of the pass saw (it only grows, unless a process restarted). */
    Map<String, Long> peakRssKilobytes() {
        Map<String, Long> peak = new LinkedHashMap<>();
        if (!Files.isDirectory(cpu)) {
            return peak;
        }
        try (Stream<Path> files = Files.list(cpu)) {
            files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted()
                    .map(CpuSnapshot::load).flatMap(Optional::stream)
                    .forEach(s -> s.peakRssKilobytes().forEach((name, kb) -> peak.merge(name, kb, Math::max)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        StackProcesses.NAMES.forEach(name -> {
            if (peak.containsKey(name)) {
                ordered.put(name, peak.get(name));
            }
        });
        return ordered;
    }
}
