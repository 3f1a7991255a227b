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

/** A unique index kept in an H2 map whose keys are ordered by {@link MongoKeyType} (as H2UniqueIndex otherwise). */
final class OrderedKeyIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;
    /** The indexed field when the index has one and its name is no path; else null. */
    private final String plainField;

    OrderedKeyIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
        this.plainField = keys.size() == 1 && !keys.get(0).getKey().contains(".") ? keys.get(0).getKey() : null;
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

    /** The library's check that a new document's key is free, through the same shortcut (it runs twice per insert). */
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

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return map.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return map.get(keyValue);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
