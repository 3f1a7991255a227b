package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import org.h2.mvstore.MVMap;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A unique index kept in an H2 map whose keys are ordered by {@link MongoKeyType} (as H2UniqueIndex otherwise).
 * <p>
 * A collection's {@code _id} index keeps no string {@code _id} (every id of Ledgerflow's) in its own map: the
 * collection's documents are kept in a map keyed by that same {@code _id} ({@link StoredDocumentsCollection}), which
 * answers for them. Keeping each one twice cost an index insert per document and, since H2 writes a whole page when one
 * key on it changes, writing the index's pages again and again (JFR of the stand-in under the benchmark's load). Any
 * other {@code _id} is kept in the index's map, which compares values as MongoDB does (1 and 1.0 are one id).
 */
final class OrderedKeyIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;
    /** The indexed field when the index has one and its name is no path; else null. */
    private final String plainField;
    /** The collection's documents when this is its {@code _id} index; else null. */
    private final MVMap<Object, StoredDocument> documents;

    OrderedKeyIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        this(map, name, keys, sparse, null);
    }

    /** @param documents the collection's documents, for its {@code _id} index (null for any other) */
    OrderedKeyIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse,
                    MVMap<Object, StoredDocument> documents) {
        super(name, keys, sparse);
        this.map = map;
        this.plainField = keys.size() == 1 && !keys.get(0).getKey().contains(".") ? keys.get(0).getKey() : null;
        this.documents = plainField != null && !sparse ? documents : null;
    }

    /**
     * A string in the one plain field indexed (every id here) is the key as it stands: the library gets there through a
     * regular-expression split of the field's name and a few streams on every call, a tenth of the stand-in's CPU time
     * (JFR of infra/projection-bench). Any other value, a missing one included, goes the library's way.
     */
    @Override
    public Set<KeyValue> getKeyValues(Document document) {
        if (plainField != null && document.get(plainField) instanceof String value) {
            return Set.of(new KeyValue(value));
        }
        return super.getKeyValues(document);
    }

    /**
     * The library's check that a new document's key is free, through the same shortcut (it runs twice per insert, but
     * once for a string {@code _id}: see {@link #add}).
     */
    @Override
    public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
        if (plainField != null && !isSparse() && document.get(plainField) instanceof String value) {
            KeyValue key = new KeyValue(value);
            if (containsKey(key)) {
                throw new DuplicateKeyError(this, collection, getKeys(), key);
            }
            return;
        }
        super.checkAdd(document, collection);
    }

    /**
     * A document with a string {@code _id} is indexed by being stored: the collection checked its id with {@link
     * #checkAdd} before it stored it (the library checks again here, and would find the document itself).
     */
    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        if (documents == null || !(document.get(plainField) instanceof String)) {
            super.add(document, position, collection);
        }
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return storedId(keyValue) != null ? getPosition(keyValue) : map.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        if (storedId(keyValue) != null) {
            return true;
        }
        return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        if (documents == null) {
            return map.entrySet();
        }
        return () -> Stream.concat(map.entrySet().stream(), documents.keySet().stream()
                .filter(String.class::isInstance).map(id -> Map.<KeyValue, Object>entry(new KeyValue(id), id))).iterator();
    }

    /** A document's position is its {@code _id}: for a string one, the id itself when a document has it. */
    @Override
    protected Object getPosition(KeyValue keyValue) {
        String id = storedId(keyValue);
        if (id != null) {
            return documents.containsKey(id) ? id : null;
        }
        return map.get(keyValue);
    }

    @Override
    public long getCount() {
        return documents != null ? documents.sizeAsLong() : map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return documents != null ? documents.isEmpty() : map.isEmpty();
    }

    /** The string id this key is, when the collection's documents answer for it; else null. */
    private String storedId(KeyValue keyValue) {
        return documents != null && keyValue.size() == 1 && keyValue.get(0) instanceof String id ? id : null;
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
