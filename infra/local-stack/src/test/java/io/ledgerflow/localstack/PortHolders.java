package io.ledgerflow.localstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds a TCP port, read from {@code /proc} (Linux): each socket on the port with its state, and the process
 * that has it open. For the message of a port found taken, so that the next such failure names its cause.
 */
final class PortHolders {

    private static final Map<String, String> STATES = Map.of("01", "ESTABLISHED", "06", "TIME_WAIT", "0A", "LISTEN",
            "08", "CLOSE_WAIT", "02", "SYN_SENT", "04", "FIN_WAIT1", "05", "FIN_WAIT2");

    private PortHolders() {
    }

    static String of(int port) {
        try {
            Map<String, String> sockets = new LinkedHashMap<>(); // inode -> "address state"
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path file = Path.of(table);
                if (!Files.isReadable(file)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    String local = fields[1];
                    if (Integer.parseInt(local.substring(local.indexOf(':') + 1), 16) == port) {
                        sockets.put(fields[9], local + " " + STATES.getOrDefault(fields[3], fields[3])
                                + " remote " + fields[2]);
                    }
                }
            }
            if (sockets.isEmpty()) {
                return "no socket on port " + port + " now";
            }
            List<String> found = new ArrayList<>();
            sockets.forEach((inode, socket) -> found.add(socket + " held by " + processesWith(inode)));
            return String.join("; ", found);
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }

    private static String processesWith(String inode) {
        String target = "socket:[" + inode + "]";
        List<String> processes = new ArrayList<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path pid : pids) {
                if (holds(pid, target)) {
                    processes.add("pid " + pid.getFileName() + " (" + commandLine(pid) + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            return "? (" + e + ")";
        }
        return processes.isEmpty() ? "no process (inode " + inode + ")" : String.join(", ", processes);
    }

    private static boolean holds(Path pid, String target) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
            for (Path fd : fds) {
                if (target.equals(Files.readSymbolicLink(fd).toString())) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile, or not ours to read
        }
        return false;
    }

    private static String commandLine(Path pid) {
        try {
            String line = new String(Files.readAllBytes(pid.resolve("cmdline"))).replace('\0', ' ').trim();
            return line.length() > 160 ? line.substring(0, 160) + "…" : line;
        } catch (IOException e) {
            return "?";
        }
    }
}
