package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a JVM on this machine still uses after a full GC, through {@code jcmd <pid> GC.run} then
 * {@code jcmd <pid> GC.heap_info}: the sum of its {@code total NNNK, used NNNK} lines, i.e. G1's one heap line
 * ({@code garbage-first heap   total 262144K, used 81234K [...]}) or the Serial / Parallel collectors' young and old
 * generations (Metaspace's {@code used NNNK, committed ...} is not heap and does not match).
 * <p>
 * Which JVM: {@code -Dledgerflow.bench.command-pid=<pid>}, else the local stack's pid file
 * {@code <data dir>/run/command-service.pid} with {@code -Dledgerflow.bench.data-dir=<data dir>}, else the one
 * running process whose command line names {@code command-service-exec.jar} (several: refused, say which).
 */
public final class HeapProbe {

    static final String PID = "ledgerflow.bench.command-pid";
    static final String DATA_DIR = "ledgerflow.bench.data-dir";
    private static final Pattern USED = Pattern.compile("\\btotal \\d+K, used (\\d+)K");
    private static final long JCMD_TIMEOUT_SECONDS = 60;

    private final long pid;

    public HeapProbe(long pid) {
        this.pid = pid;
    }

    public long pid() {
        return pid;
    }

    public boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The command-service to watch, as the class comment says. */
    public static HeapProbe commandService() {
        String pid = System.getProperty(PID);
        if (pid != null && !pid.isBlank()) {
            return new HeapProbe(Long.parseLong(pid.trim()));
        }
        String dataDir = System.getProperty(DATA_DIR);
        if (dataDir != null && !dataDir.isBlank()) {
            Path pidFile = Path.of(dataDir, "run", "command-service.pid");
            try {
                return new HeapProbe(Long.parseLong(Files.readString(pidFile).trim()));
            } catch (IOException e) {
                throw new UncheckedIOException("no command-service pid in " + pidFile, e);
            }
        }
        List<ProcessHandle> candidates = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("command-service-exec.jar")).orElse(false))
                .toList();
        if (candidates.size() != 1) {
            throw new IllegalStateException(candidates.size() + " processes run command-service-exec.jar "
                    + candidates.stream().map(ProcessHandle::pid).toList() + ": name the one to watch with -D" + PID
                    + "=<pid> or -D" + DATA_DIR + "=<the stack's LEDGERFLOW_DATA_DIR>");
        }
        return new HeapProbe(candidates.get(0).pid());
    }

    /** Bytes of heap in use right after a full GC. */
    public long usedAfterFullGc() {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        return usedKilobytes(info).orElseThrow(() -> new IllegalStateException("no 'total NNNK, used NNNK' in GC.heap_info of " + pid + ":\n" + info)) * 1024;
    }

    /** Kilobytes of heap in use in a {@code GC.heap_info} answer: the sum of its generations' (or G1's heap's) used. */
    static Optional<Long> usedKilobytes(String heapInfo) {
        Matcher matcher = USED.matcher(heapInfo);
        long used = 0;
        boolean found = false;
        while (matcher.find()) {
            used += Long.parseLong(matcher.group(1));
            found = true;
        }
        return found ? Optional.of(used) : Optional.empty();
    }

    private String jcmd(String command) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String executable = Files.isExecutable(java) ? java.toString() : "jcmd";
        try {
            Process process = new ProcessBuilder(executable, Long.toString(pid), command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " " + command + " did not answer in " + JCMD_TIMEOUT_SECONDS + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " exited with " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("jcmd " + pid + " " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
