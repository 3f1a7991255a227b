package io.ledgerflow.testkit.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;

import java.nio.file.Path;

/** The stand-in on a file with a client connected over a socket, for tests that also look into its H2 store. */
final class StandInOnFile implements AutoCloseable {

    private final OrderedKeysH2Backend backend;
    private final MongoServer server;
    private final MongoClient client;

    StandInOnFile(Path file) {
        backend = OrderedKeysH2Backend.open(file);
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    MongoCollection<Document> collection(String database, String collection) {
        return client.getDatabase(database).getCollection(collection);
    }

    MVStore store() {
        return backend.getMvStore();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
