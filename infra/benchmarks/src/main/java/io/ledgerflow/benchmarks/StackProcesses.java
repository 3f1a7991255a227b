package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The processes of one local stack (README command 1, {@code infra/local-stack}), found from its data directory and
 * its launcher's pid:
 * <ul>
 *   <li>{@value #COMMAND} and {@value #QUERY}: the pids the launcher records in {@code <data dir>/run/*.pid};</li>
 *   <li>{@value #POSTGRES}: the postmaster of {@code <data dir>/postgres/postmaster.pid} (first line) and all its
 *       children (one backend per connection, checkpointer, WAL writer, ...): its own CPU, the CPU of the backends
 *       that ended (it reaps them: {@code cutime + cstime}) and that of every child alive at the snapshot;</li>
 *   <li>{@value #LAUNCHER}: the launcher JVM, which runs the Kafka broker and MongoDB (mongo-java-server) in-process;</li>
 *   <li>{@value #AUTH}: the authorization server, the launcher's child JVM running {@code auth-server-exec.jar}.</li>
 * </ul>
 * Usage from a script: {@code StackProcesses <data dir> <launcher pid> <snapshot.properties>} writes a
 * {@link CpuSnapshot}. Simulations take theirs with {@code -Dledgerflow.bench.data-dir}, {@code .launcher-pid} and
 * {@code .cpu-dir} (see {@link #fromSystemProperties()}).
 */
public record StackProcesses(Map<String, Long> pids) {

    public static final String COMMAND = "command-service";
    public static final String QUERY = "query-service";
    public static final String POSTGRES = "postgresql";
    public static final String LAUNCHER = "launcher";
    public static final String AUTH = "auth-server";
    public static final String CPU_DIR = "ledgerflow.bench.cpu-dir";
    /** The order of every report. */
    public static final List<String> NAMES = List.of(COMMAND, QUERY, POSTGRES, LAUNCHER, AUTH);

    public StackProcesses {
        pids = Map.copyOf(pids);
    }

    public static StackProcesses discover(Path dataDirectory, long launcherPid) {
        Map<String, Long> pids = new LinkedHashMap<>();
        firstLineNumber(dataDirectory.resolve("run").resolve("command-service.pid")).ifPresent(pid -> pids.put(COMMAND, pid));
        firstLineNumber(dataDirectory.resolve("run").resolve("query-service.pid")).ifPresent(pid -> pids.put(QUERY, pid));
        firstLineNumber(dataDirectory.resolve("postgres").resolve("postmaster.pid")).ifPresent(pid -> pids.put(POSTGRES, pid));
        if (launcherPid > 0) {
            pids.put(LAUNCHER, launcherPid);
            ProcessHandle.of(launcherPid).stream().flatMap(ProcessHandle::children)
                    .filter(child -> child.info().commandLine().map(line -> line.contains("auth-server-exec.jar")).orElse(false))
                    .findFirst()
                    .ifPresent(auth -> pids.put(AUTH, auth.pid()));
        }
        return new StackProcesses(pids);
    }

    /**
     * The stack named by {@code -Dledgerflow.bench.data-dir} and {@code -Dledgerflow.bench.launcher-pid}; empty when
     * the data directory is not given (a simulation run by hand against a stack of one's own).
     */
    public static Optional<StackProcesses> fromSystemProperties() {
        String dataDirectory = System.getProperty(HeapProbe.DATA_DIR);
        if (dataDirectory == null || dataDirectory.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(discover(Path.of(dataDirectory), Long.getLong("ledgerflow.bench.launcher-pid", 0)));
    }

    /**
     * With {@code -Dledgerflow.bench.cpu-dir} and the stack's data directory given: a snapshot of the stack written to
     * {@code <cpu dir>/<name>.properties}. Without them nothing happens.
     */
    public static void snapshotIfConfigured(String name) {
        String directory = System.getProperty(CPU_DIR);
        if (directory == null || directory.isBlank()) {
            return;
        }
        fromSystemProperties().ifPresent(stack -> stack.snapshot().store(Path.of(directory, name + ".properties")));
    }

    public CpuSnapshot snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<String, Long> peak = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        pids.forEach((name, pid) -> {
            cpuTicks(name, pid).ifPresent(value -> ticks.put(name, value));
            if (!POSTGRES.equals(name)) { // its memory is shared buffers plus one process per connection: not one figure
                ProcStat.statusKilobytes(pid, "VmHWM").ifPresent(kb -> peak.put(name, kb));
            }
        });
        return new CpuSnapshot(now, ProcStat.clockTicksPerSecond(), pids, ticks, peak);
    }

    private static OptionalLong cpuTicks(String name, long pid) {
        Optional<ProcStat> stat = ProcStat.read(pid);
        if (stat.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!POSTGRES.equals(name)) {
            return OptionalLong.of(stat.get().ownTicks());
        }
        long total = stat.get().withReapedChildrenTicks();
        total += ProcessHandle.of(pid).stream().flatMap(ProcessHandle::children)
                .mapToLong(child -> ProcStat.read(child.pid()).map(ProcStat::ownTicks).orElse(0L))
                .sum();
        return OptionalLong.of(total);
    }

    private static Optional<Long> firstLineNumber(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code StackProcesses <data dir> <launcher pid> <snapshot.properties>}. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: StackProcesses <data dir> <launcher pid> <snapshot.properties>");
            System.exit(2);
        }
        StackProcesses stack = discover(Path.of(args[0]), Long.parseLong(args[1]));
        stack.snapshot().store(Path.of(args[2]));
        System.out.println("stack processes " + stack.pids() + " -> " + args[2]);
    }
}
