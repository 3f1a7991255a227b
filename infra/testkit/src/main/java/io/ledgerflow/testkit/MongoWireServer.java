package io.ledgerflow.testkit;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import io.ledgerflow.testkit.mongo.OrderedKeysH2Backend;

/**
 * A MongoDB wire-protocol server (mongo-java-server) in this JVM, listening on 127.0.0.1.
 * <p>
 * One backend either way ({@link OrderedKeysH2Backend}): in an in-memory H2 MVStore by default; with a storage file
 * the data lives in an H2 MVStore file and survives restarts (committed about once a second and on {@link #close()}),
 * documents and index keys stored as BSON, index keys ordered by MongoDB's value order. Like MongoDB, a find sees a
 * document whole, before or after an update. It is not MongoDB: no transactions, change streams, TTL or partial
 * indexes, and non-unique secondary indexes are accepted but ignored.
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final int port;
    private final Path storageFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MongoWireServer(MongoServer server, int port, Path storageFile) {
        this.server = server;
        this.port = port;
        this.storageFile = storageFile;
    }

    /** An in-memory server on an ephemeral port. */
    public static MongoWireServer start() {
        return start(0, null);
    }

    /**
     * @param port        TCP port, 0 for an ephemeral one
     * @param storageFile H2 file that keeps the data across restarts; null to keep it in memory only
     */
    public static MongoWireServer start(int port, Path storageFile) {
        Path file = storageFile == null ? null : Directories.createParentOf(storageFile);
        MongoBackend backend = file == null ? OrderedKeysH2Backend.inMemory() : OrderedKeysH2Backend.open(file);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", port);
        } catch (Exception e) { // Netty rethrows a BindException undeclared
            server.shutdownNow();
            throw new IllegalStateException("MongoDB wire server could not listen on port " + port, e);
        }
        InetSocketAddress address = server.getLocalAddress();
        return new MongoWireServer(server, address.getPort(), file);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The H2 file holding the data, or null when in memory. */
    public Path storageFile() {
        return storageFile;
    }

    /** Closes client connections and the listener, then flushes and closes the backend. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "MongoDB wire server on 127.0.0.1:" + port + (storageFile == null ? " (in memory)" : " (data " + storageFile + ")");
    }
}
