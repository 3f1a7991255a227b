package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * CPU time used so far and peak resident memory of each process of the stack at one instant, by name (see
 * {@link StackProcesses}): clock ticks from {@code /proc/<pid>/stat}, {@code VmHWM} from {@code /proc/<pid>/status}.
 * Two snapshots give the CPU milliseconds each process spent between them. Kept as a properties file, so that a
 * simulation and the script can take the snapshots of one window and the summary can read them afterwards.
 */
public record CpuSnapshot(long epochMillis, long clockTicksPerSecond, Map<String, Long> pids, Map<String, Long> ticks,
                          Map<String, Long> peakRssKilobytes) {

    public CpuSnapshot {
        pids = Map.copyOf(pids);
        ticks = Map.copyOf(ticks);
        peakRssKilobytes = Map.copyOf(peakRssKilobytes);
    }

    /**
     * CPU milliseconds each process spent from {@code earlier} to this snapshot, in {@code names} order; a process
     * missing from either snapshot, or running under another pid by now (restarted), is left out.
     */
    public Map<String, Double> cpuMillisSince(CpuSnapshot earlier, Iterable<String> names) {
        Map<String, Double> millis = new LinkedHashMap<>();
        for (String name : names) {
            Long before = earlier.ticks.get(name);
            Long after = ticks.get(name);
            if (before != null && after != null && Objects.equals(earlier.pids.get(name), pids.get(name))) {
                millis.put(name, (after - before) * 1000.0 / clockTicksPerSecond);
            }
        }
        return millis;
    }

    public double secondsSince(CpuSnapshot earlier) {
        return (epochMillis - earlier.epochMillis) / 1000.0;
    }

    /** Milliseconds per unit of work (transfer, read, event); NaN without any. */
    public static double perUnit(double millis, long units) {
        return units <= 0 ? Double.NaN : millis / units;
    }

    public void store(Path file) {
        Properties properties = new Properties();
        properties.setProperty("epochMillis", Long.toString(epochMillis));
        properties.setProperty("clockTicksPerSecond", Long.toString(clockTicksPerSecond));
        pids.forEach((name, pid) -> properties.setProperty("pid." + name, Long.toString(pid)));
        ticks.forEach((name, value) -> properties.setProperty("ticks." + name, Long.toString(value)));
        peakRssKilobytes.forEach((name, kb) -> properties.setProperty("peakRssKb." + name, Long.toString(kb)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "CPU ticks (utime+stime, /proc/<pid>/stat) and VmHWM per process of the stack");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<CpuSnapshot> load(Path file) {
        return ResultsFile.load(file).map(CpuSnapshot::fromProperties);
    }

    static CpuSnapshot fromProperties(Properties properties) {
        Map<String, Long> pids = new LinkedHashMap<>();
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<String, Long> peak = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            long value = Long.parseLong(properties.getProperty(key));
            if (key.startsWith("pid.")) {
                pids.put(key.substring(4), value);
            } else if (key.startsWith("ticks.")) {
                ticks.put(key.substring(6), value);
            } else if (key.startsWith("peakRssKb.")) {
                peak.put(key.substring(10), value);
            }
        }
        return new CpuSnapshot(Long.parseLong(properties.getProperty("epochMillis")),
                Long.parseLong(properties.getProperty("clockTicksPerSecond")), pids, ticks, peak);
    }
}
