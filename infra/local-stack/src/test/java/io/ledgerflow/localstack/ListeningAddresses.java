package io.ledgerflow.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The local addresses of the listening TCP sockets on a port, as Linux lists them in /proc/net/tcp and tcp6. */
final class ListeningAddresses {

    static final String IPV4_LOOPBACK = "0100007F";
    static final String IPV4_MAPPED_LOOPBACK = "0000000000000000FFFF00000100007F";
    private static final String LISTEN = "0A";

    private ListeningAddresses() {
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** The hex local addresses of the sockets listening on {@code port}, in /proc's notation. */
    static List<String> of(int port) throws IOException {
        String portHex = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(portHex) && fields[3].equals(LISTEN)) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }
}
