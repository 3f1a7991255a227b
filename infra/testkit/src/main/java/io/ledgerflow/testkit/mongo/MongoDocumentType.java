package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/** The value type of a collection's data map: each document as BSON behind its tag ({@link TaggedBson}). */
final class MongoDocumentType extends BasicDataType<Document> {

    private final TaggedBson bson = new TaggedBson(512);
    private final ObjectDataType objects = new ObjectDataType();

    @Override
    public void write(WriteBuffer out, Document document) {
        if (!bson.write(out, document)) {
            objects.write(out, document);
        }
    }

    @Override
    public Document read(ByteBuffer in) {
        return bson.isBson(in) ? bson.read(in) : (Document) objects.read(in);
    }

    @Override
    public int getMemory(Document document) {
        return bson.memory();
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
