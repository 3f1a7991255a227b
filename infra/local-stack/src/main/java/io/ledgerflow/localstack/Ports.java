package io.ledgerflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports for the services, which are told their port rather than reporting one they chose. */
final class Ports {

    private Ports() {
    }

    static int resolve(int port) {
        return port == 0 ? free() : port;
    }

    static void requireFree(int port, String purpose) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port), 1);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " for " + purpose + " is already in use (another Ledgerflow running?)", e);
        }
    }

    private static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
