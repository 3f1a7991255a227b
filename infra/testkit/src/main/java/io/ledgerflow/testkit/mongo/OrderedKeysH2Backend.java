package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Constants;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * mongo-java-server's H2 backend (documents in an MVStore file that survives restarts, or in memory) with its unique
 * indexes' keys ordered by {@link MongoKeyType} instead of by their Java-serialised bytes, documents and index keys
 * stored as BSON instead of serialised Java objects ({@link MongoDocumentType}, {@link MongoKeyType}), and its
 * collections finding a document through the {@code _id} index whenever a filter pins {@code _id}
 * ({@link IdPinnedCollection}).
 * <p>
 * An index map's order and the stored bytes are part of the file, so a file written by the library's own backend, or by
 * an earlier format of this one, cannot be read: a file without this backend's current format mark is moved aside
 * ({@code <file>.old-format}) and the store starts empty. The query-service then rebuilds its projections from the
 * ledger topic, as after any loss of its database.
 * <p>
 * A {@code dropDatabase} runs alone: the library takes the database out of its map before it drops the database's
 * maps, so a command in between opened a new database on maps about to be closed, and every later write to it failed
 * with "Map ... is closed"; a write during the drop could also make the drop itself fail. Every other command shares
 * a read lock, so they still run side by side.
 */
public final class OrderedKeysH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(OrderedKeysH2Backend.class);
    /**
     * Not "ledgerflow.format": the library drops a database's maps by the prefix "<database>.", so dropping a database
     * named ledgerflow dropped the mark, and the next start moved the whole file aside. No database name holds a '/'.
     */
    static final String FORMAT_MAP = "ledgerflow/format";
    static final String FORMAT = "format";
    /**
     * Index keys in MongoDB's value order; documents and index keys as BSON; no string {@code _id} in an {@code _id}
     * index ({@link OrderedKeyIndex}).
     */
    static final String CURRENT_FORMAT = "mongo-key-order+bson-v3";
    /** How the library's H2Database names a collection's data map and its index maps. */
    private static final String DATA_PREFIX = "databases.";
    private static final String INDEX_INFIX = "._index_";

    private final ReadWriteLock dropping = new ReentrantReadWriteLock();

    private OrderedKeysH2Backend(MVStore store) {
        super(store);
    }

    /** A command (OP_MSG, as the drivers send them): its name is the document's first key. */
    @Override
    public Document handleMessage(MongoMessage message) {
        String command = message.getDocument().keySet().stream().findFirst().orElse("");
        Lock lock = "dropDatabase".equalsIgnoreCase(command) ? dropping.writeLock() : dropping.readLock();
        lock.lock();
        try {
            return "find".equals(command)
                    ? IdPinnedCollection.answeringFind(message.getDocument().get("maxTimeMS"),
                            () -> super.handleMessage(message))
                    : super.handleMessage(message);
        } finally {
            IdPinnedCollection.commandDone();
            lock.unlock();
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        dropping.readLock().lock();
        try {
            return super.handleQuery(query);
        } finally {
            IdPinnedCollection.commandDone();
            dropping.readLock().unlock();
        }
    }

    /**
     * Kept in memory only, in the same store and collections as a file's: an update stores a new document, so a find
     * encodes a whole one (the library's own in-memory backend changed stored documents field by field, in place).
     */
    public static OrderedKeysH2Backend inMemory() {
        return new OrderedKeysH2Backend(new MVStore.Builder().open());
    }

    public static OrderedKeysH2Backend open(Path file) {
        MVStore store = MVStore.open(file.toString());
        if (!markedOrUnused(store)) {
            store.close();
            Path aside = file.resolveSibling(file.getFileName() + ".old-format");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("could not move " + file + " aside", e);
            }
            log.warn("The MongoDB store {} was written in another format: moved to {}; it starts empty and "
                    + "the projections are rebuilt from the ledger topic", file, aside);
            store = MVStore.open(file.toString());
        }
        Map<String, String> format = store.openMap(FORMAT_MAP);
        format.put(FORMAT, CURRENT_FORMAT);
        store.commit();
        return new OrderedKeysH2Backend(store);
    }

    private static boolean markedOrUnused(MVStore store) {
        if (store.hasMap(FORMAT_MAP)) {
            Map<String, String> format = store.openMap(FORMAT_MAP);
            return CURRENT_FORMAT.equals(format.get(FORMAT));
        }
        return store.getMapNames().isEmpty();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        MVStore store = getMvStore();
        return new H2Database(databaseName, store, getCursorRegistry()) {
            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                            List<IndexKey> keys, boolean sparse) {
                String namespace = getFullCollectionNamespace(collectionName);
                MVMap<KeyValue, Object> map = indexMap(store, namespace + INDEX_INFIX + indexName);
                boolean idIndex = keys.size() == 1 && keys.get(0).getKey().equals(Constants.ID_FIELD);
                return new OrderedKeyIndex(map, indexName, keys, sparse,
                        idIndex ? dataMap(store, DATA_PREFIX + namespace) : null);
            }

            /** The library's own maps (its H2Database names them so), in a collection that finds pinned ids fast. */
            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                String namespace = getFullCollectionNamespace(collectionName);
                MVMap<Object, StoredDocument> documents = dataMap(store, DATA_PREFIX + namespace);
                return new IdPinnedCollection(this, collectionName, options, documents, getCursorRegistry());
            }
        };
    }

    /** A collection's documents by {@code _id}, each stored as BSON. */
    private static MVMap<Object, StoredDocument> dataMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Object, StoredDocument>().valueType(new MongoDocumentType()));
    }

    /** A unique index: keys in MongoDB's value order, stored as BSON. */
    private static MVMap<KeyValue, Object> indexMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new MongoKeyType()));
    }
}
