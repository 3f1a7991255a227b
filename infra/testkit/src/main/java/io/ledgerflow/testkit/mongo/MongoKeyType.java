package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of an index map: stored as H2 stores any object, but ordered by MongoDB's own value order.
 * <p>
 * H2 orders a key class it does not know ({@link KeyValue}) by serialising both keys with Java serialisation on every
 * comparison: each index lookup serialised about 2·log₂(n) objects, and that was most of the MongoDB stand-in's CPU
 * under load. Comparing the values directly gives the same answers an equality lookup needs, without that cost.
 */
final class MongoKeyType extends ObjectDataType {

    private static final ValueComparator VALUES = ValueComparator.asc();

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
            int order = VALUES.compare(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }
}
