package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * The value type of a collection's data map: each document as BSON behind its tag ({@link TaggedBson}), encoded once
 * per stored document ({@link StoredDocument}).
 */
final class MongoDocumentType extends BasicDataType<StoredDocument> {

    /** Estimated from the BSON: the decoded document takes about three times its length, the kept bytes once more. */
    private final TaggedBson bson = new TaggedBson(512, 4);
    private final ObjectDataType objects = new ObjectDataType();

    @Override
    public void write(WriteBuffer out, StoredDocument stored) {
        if (!bson.write(out, stored.bson())) {
            objects.write(out, stored.document());
        }
    }

    @Override
    public StoredDocument read(ByteBuffer in) {
        if (!bson.isBson(in)) {
            return new StoredDocument((Document) objects.read(in));
        }
        byte[] bytes = bson.readBytes(in);
        return new StoredDocument(TaggedBson.decode(bytes), bytes);
    }

    @Override
    public int getMemory(StoredDocument stored) {
        return bson.memory();
    }

    @Override
    public StoredDocument[] createStorage(int size) {
        return new StoredDocument[size];
    }
}
