package io.ledgerflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses TCP ports for servers that are told their port before they bind it, and checks that fixed
 * ones are still free.
 * <p>
 * A port is picked below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}). A port from inside
 * it, however free when looked up, can be given to an outgoing connection before the server binds it, and the
 * stack opens many while it starts (Kafka's clients, a service connecting to PostgreSQL, a JVM starting beside
 * it). Below the range only an explicit bind can take it. No port is handed out twice in one JVM, so servers
 * starting side by side never pick the same one.
 */
public final class FreePorts {

    static final int LOWEST_PICKED = 20_000;
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
    private static final int MIN_SPAN = 1_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** The given port, or a free one picked as {@link #pick()} does when it is 0. */
    public static int resolve(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        return port == 0 ? pick() : port;
    }

    /** A port that is free right now, below the ephemeral range, and not handed out before by this JVM. */
    public static int pick() {
        int span = ephemeralLow() - LOWEST_PICKED;
        if (span < MIN_SPAN) {
            return pickEphemeral(); // a kernel configured with (almost) no room below its range
        }
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = LOWEST_PICKED + (start + i) % span;
            if (HANDED_OUT.add(port) && isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port between " + LOWEST_PICKED + " and " + ephemeralLow());
    }

    /** The lowest port the kernel gives to outgoing connections and to binds of port 0. */
    public static int ephemeralLow() {
        try {
            // readString is no good here: it trusts the size procfs reports and returns a truncated value
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW; // not Linux: IANA's dynamic range starts higher still (49152)
        }
    }

    /** Fails fast with a readable message instead of a bind error deep inside a server's start-up. */
    public static void requireFree(int port, String purpose) {
        try {
            bindOnce(port);
        } catch (IOException e) {
            throw new PortInUseException("port " + port + " (" + purpose + ") is already in use", e);
        }
    }

    /**
     * Whether the port can be bound right now on every address: the services bind the wildcard address, so a port
     * free on loopback but taken on another interface is not free for them.
     */
    public static boolean isFree(int port) {
        try {
            bindOnce(port);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int pickEphemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void bindOnce(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port), 1);
        }
    }

    /** A port found taken before the server that was to bind it began. */
    public static final class PortInUseException extends IllegalStateException {

        public PortInUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
