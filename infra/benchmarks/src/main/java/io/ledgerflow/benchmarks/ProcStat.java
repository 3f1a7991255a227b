package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What Linux's {@code /proc/<pid>/stat} says about a process's CPU time (proc(5)): fields 14–17, {@code utime},
 * {@code stime} (this process, all its threads), {@code cutime}, {@code cstime} (its children that ended and were
 * waited for), in clock ticks ({@code getconf CLK_TCK}); field 4 is the parent's pid. The command name (field 2) is
 * in parentheses and may itself hold spaces and parentheses, so the fields are counted from the last {@code ')'}.
 */
public record ProcStat(long ppid, long utime, long stime, long cutime, long cstime) {

    private static volatile long clockTicks;

    /** CPU time of the process itself, all threads, user + system. */
    public long ownTicks() {
        return utime + stime;
    }

    /** {@link #ownTicks()} plus the children it has reaped (PostgreSQL's postmaster reaps its ended backends). */
    public long withReapedChildrenTicks() {
        return utime + stime + cutime + cstime;
    }

    public static ProcStat parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 > stat.length()) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        String[] fields = stat.substring(close + 2).trim().split(" +");
        if (fields.length < 15) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + stat);
        }
        return new ProcStat(Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                Long.parseLong(fields[13]), Long.parseLong(fields[14]));
    }

    /** Empty when the process is gone (or this is not Linux). */
    public static Optional<ProcStat> read(long pid) {
        return readProc(pid, "stat").map(ProcStat::parse);
    }

    /**
     * A {@code kB} figure of {@code /proc/<pid>/status}, e.g. {@code VmHWM} (peak resident set size) or {@code VmRSS}:
     * lines like {@code VmHWM:\t  123456 kB}.
     */
    public static OptionalLong statusKilobytes(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String value = line.substring(key.length() + 1).trim();
                if (value.endsWith("kB")) {
                    value = value.substring(0, value.length() - 2).trim();
                }
                return OptionalLong.of(Long.parseLong(value));
            }
        }
        return OptionalLong.empty();
    }

    public static OptionalLong statusKilobytes(long pid, String key) {
        return readProc(pid, "status").map(status -> statusKilobytes(status, key)).orElse(OptionalLong.empty());
    }

    /** {@code getconf CLK_TCK}, 100 if that cannot be run (it is 100 on every common Linux). */
    public static long clockTicksPerSecond() {
        long ticks = clockTicks;
        if (ticks > 0) {
            return ticks;
        }
        ticks = 100;
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                ticks = Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // keep 100
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clockTicks = ticks;
        return ticks;
    }

    private static Optional<String> readProc(long pid, String file) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
