package io.ledgerflow.testkit;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One lazily started server per JVM, stopped once by whoever owns the JVM's shutdown. */
final class SharedServer<T extends AutoCloseable> {

    private static final Logger log = LoggerFactory.getLogger(SharedServer.class);

    private final String name;
    private final Supplier<T> starter;
    private T server;
    private boolean stopped;

    SharedServer(String name, Supplier<T> starter) {
        this.name = name;
        this.starter = starter;
    }

    synchronized T get() {
        if (stopped) {
            throw new IllegalStateException(name + " was already stopped: the JVM is shutting down");
        }
        if (server == null) {
            long startedAt = System.nanoTime();
            server = starter.get();
            log.info("Started shared {} in {} ms: {}", name, (System.nanoTime() - startedAt) / 1_000_000, server);
        }
        return server;
    }

    synchronized void stop() {
        stopped = true;
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            log.warn("Shared {} did not stop cleanly", name, e);
        } finally {
            server = null;
        }
    }
}
