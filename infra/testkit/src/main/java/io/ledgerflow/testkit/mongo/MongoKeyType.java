package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;

/**
 * The key type of an index map: ordered by MongoDB's own value order, and stored as BSON.
 * <p>
 * H2 orders a key class it does not know ({@link KeyValue}) by serialising both keys with Java serialisation on every
 * comparison: each index lookup serialised about 2·log₂(n) objects, and that was most of the MongoDB stand-in's CPU
 * under load. Comparing the values directly gives the same answers an equality lookup needs, without that cost.
 * Writing the key's values as a BSON document ({@link TaggedBson}) instead of a serialised object saves the rest. Any
 * other key, or a key with a value BSON has no type for, is written as H2 writes any object, behind the other tag.
 */
final class MongoKeyType extends ObjectDataType {

    private static final ValueComparator VALUES = ValueComparator.asc();
    private final TaggedBson bson = new TaggedBson(128, 3);

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            return compareKeys(left, right);
        }
        return super.compare(a, b);
    }

    static int compareKeys(KeyValue left, KeyValue right) {
        int common = Math.min(left.size(), right.size());
        for (int i = 0; i < common; i++) {
            int order = compareValues(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    /**
     * Two strings or two longs (almost every {@code _id}) compared directly, as the library's comparator would after
     * finding their types equal: that search through its type order was a quarter of the stand-in's CPU in a rebuild.
     */
    private static int compareValues(Object left, Object right) {
        if (left instanceof String a && right instanceof String b) {
            return a.compareTo(b);
        }
        if (left instanceof Long a && right instanceof Long b) {
            return Long.compare(a, b);
        }
        return VALUES.compare(left, right);
    }

    @Override
    public void write(WriteBuffer out, Object key) {
        if (!bson.write(out, key instanceof KeyValue values ? asDocument(values) : null)) {
            super.write(out, key);
        }
    }

    @Override
    public Object read(ByteBuffer in) {
        return bson.isBson(in) ? new KeyValue(new ArrayList<>(bson.read(in).values())) : super.read(in);
    }

    @Override
    public int getMemory(Object key) {
        return key instanceof KeyValue ? bson.memory() : super.getMemory(key);
    }

    /** The key's values under the names "0", "1", …, in order. */
    private static Document asDocument(KeyValue key) {
        Document document = new Document();
        int position = 0;
        for (Object value : key) {
            document.put(Integer.toString(position++), value);
        }
        return document;
    }
}
