package io.ledgerflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Chooses loopback TCP ports and checks that fixed ones are still free. */
final class FreePorts {

    private FreePorts() {
    }

    /** The given port, or a currently free ephemeral one when it is 0. */
    static int resolve(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        return port == 0 ? pick() : port;
    }

    /**
     * A port that is free right now. Another process may take it before the caller binds it; servers
     * that cannot bind port 0 themselves (the KRaft controller must know its own address up front) accept
     * that small race.
     */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Fails fast with a readable message instead of a bind error deep inside a server's start-up. */
    static void requireFree(int port, String purpose) {
        try {
            bindOnce(port);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " (" + purpose + ") is already in use", e);
        }
    }

    /** Whether the loopback port can be bound right now. */
    static boolean isFree(int port) {
        try {
            bindOnce(port);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void bindOnce(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        }
    }
}
