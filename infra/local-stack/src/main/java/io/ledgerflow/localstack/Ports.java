package io.ledgerflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

import io.ledgerflow.testkit.FreePorts;

/** Ports for the services, which are told their port rather than reporting one they chose. */
final class Ports {

    private Ports() {
    }

    static int resolve(int port) {
        return port == 0 ? FreePorts.pick() : port;
    }

    /** As {@link FreePorts#requireFree}, which binds every address as the services do, with the launcher's message. */
    static void requireFree(int port, String purpose) {
        try {
            FreePorts.requireFree(port, purpose);
        } catch (FreePorts.PortInUseException e) {
            throw new FreePorts.PortInUseException(
                    "port " + port + " for " + purpose + " is already in use (another Ledgerflow running?)", e.getCause());
        }
    }

    /** Waits up to {@code patience} for a port to be released, then fails as {@link #requireFree} does. */
    static void awaitFree(int port, String purpose, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (!FreePorts.isFree(port) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        requireFree(port, purpose);
    }

    /**
     * A free port for a service started later, held bound until then, and picked below the kernel's ephemeral range
     * so that once released it cannot be given to an outgoing connection before the service binds it.
     */
    static ServerSocket reserve() {
        for (int attempt = 1; ; attempt++) {
            try {
                return new ServerSocket(FreePorts.pick(), 1, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                if (attempt == 3) {
                    throw new UncheckedIOException("no free port", e); // taken since it was picked, three times
                }
            }
        }
    }
}
