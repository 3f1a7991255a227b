package io.ledgerflow.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real Apache Kafka broker in KRaft mode, running in this JVM: one node acting as broker and controller,
 * listening on 127.0.0.1.
 * <p>
 * With a log directory the cluster (topics, offsets, records) is kept across restarts; without one a
 * temporary directory is used and deleted on {@link #close()}. Automatic topic creation is off: create
 * topics with an admin client (or Spring's {@code NewTopic} beans), as against a production cluster.
 * Server logs go through SLF4J (loggers {@code kafka} and {@code org.apache.kafka}).
 */
public final class KafkaKraftBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaKraftBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int BIND_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDirectory;
    private final boolean temporary;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaKraftBroker(KafkaRaftServer server, int port, Path logDirectory, boolean temporary) {
        this.server = server;
        this.port = port;
        this.logDirectory = logDirectory;
        this.temporary = temporary;
    }

    /** A temporary broker on an ephemeral port. */
    public static KafkaKraftBroker start() {
        return start(0, null);
    }

    /**
     * @param port         client (PLAINTEXT) port, 0 for an ephemeral one
     * @param logDirectory where the cluster's data is kept; null for a temporary directory deleted on close
     */
    public static KafkaKraftBroker start(int port, Path logDirectory) {
        return port == 0 ? startPicking(FreePorts::pick, logDirectory) : startOn(FreePorts.resolve(port), logDirectory);
    }

    /** On a port from {@code ports}, asking it for another when the one it gave is taken before Kafka binds it. */
    static KafkaKraftBroker startPicking(IntSupplier ports, Path logDirectory) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOn(ports.getAsInt(), logDirectory);
            } catch (IllegalStateException e) {
                if (attempt == BIND_ATTEMPTS || !causedByBind(e)) {
                    throw e;
                }
                // a port picked as free was given to an outgoing connection (Kafka's own, or one of a server
                // starting beside it) before Kafka could bind it
                log.warn("Kafka could not bind a port it picked ({}); picking again", e.getMessage());
            }
        }
    }

    private static boolean causedByBind(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static KafkaKraftBroker startOn(int brokerPort, Path logDirectory) {
        FreePorts.requireFree(brokerPort, "Kafka");
        int controllerPort = FreePorts.pick();
        boolean temporary = logDirectory == null;
        Path directory = temporary ? Directories.createTemporary("ledgerflow-kafka-") : Directories.createKept(logDirectory);
        long startedAt = System.nanoTime();
        KafkaConfig config = KafkaConfig.fromProps(KafkaBrokerProperties.singleNode(brokerPort, controllerPort, directory));
        KafkaRaftServer server = null;
        try {
            formatIfNew(config, directory);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            KafkaKraftBroker broker = new KafkaKraftBroker(server, brokerPort, directory, temporary);
            broker.awaitReady();
            log.info("Kafka broker ready on 127.0.0.1:{} in {} ms (data {})", brokerPort,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), directory);
            return broker;
        } catch (RuntimeException e) {
            if (server != null) {
                stop(server);
            }
            if (temporary) {
                Directories.deleteQuietly(directory);
            }
            throw new IllegalStateException("Kafka did not start on port " + brokerPort + " with data in " + directory, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Controlled shutdown; deletes the data of a temporary broker. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop(server);
        if (temporary) {
            Directories.deleteQuietly(logDirectory);
        }
    }

    @Override
    public String toString() {
        return "Kafka on " + bootstrapServers() + " (data " + logDirectory + ")";
    }

    /** What kafka-storage.sh format does; skipped for a directory formatted by an earlier run. */
    private static void formatIfNew(KafkaConfig config, Path directory) {
        if (Files.exists(directory.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(KafkaBrokerProperties.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(directory.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + directory + ": " + output, e);
        }
    }

    /** startup() can return before the broker is unfenced; a metadata round trip proves it serves clients. */
    private void awaitReady() {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception lastFailure = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                }
                sleep(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException("Kafka did not become ready within " + READY_TIMEOUT, lastFailure);
    }

    private static void stop(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka did not stop cleanly", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
