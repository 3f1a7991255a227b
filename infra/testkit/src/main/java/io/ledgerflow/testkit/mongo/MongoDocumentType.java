package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The value type of a collection's data map: each document as BSON ({@link BsonBytes}), behind a one-byte tag. A
 * document holding a value BSON has no type for (none that came over the wire can) is written as H2 writes any
 * object, under the other tag, rather than failing the background write that would stop the whole store.
 */
final class MongoDocumentType extends BasicDataType<Document> {

    static final byte BSON = 1;
    static final byte OBJECT = 0;

    private final ObjectDataType objects = new ObjectDataType();
    /** Estimated bytes in memory per document, from the BSON lengths written so far, as H2 estimates its own. */
    private volatile int averageMemory = 512;

    @Override
    public void write(WriteBuffer out, Document document) {
        int tag = out.position();
        out.put(BSON);
        Optional<Integer> length = BsonBytes.write(out, document);
        if (length.isPresent()) {
            // a decoded document takes a few times its BSON length in objects
            averageMemory = (15 * averageMemory + 3 * length.get()) / 16;
        } else {
            out.position(tag);
            out.put(OBJECT);
            objects.write(out, document);
        }
    }

    @Override
    public Document read(ByteBuffer in) {
        byte tag = in.get();
        return switch (tag) {
            case BSON -> BsonBytes.read(in);
            case OBJECT -> (Document) objects.read(in);
            default -> throw new IllegalStateException("unknown document tag " + tag + " at " + (in.position() - 1));
        };
    }

    @Override
    public int getMemory(Document document) {
        return averageMemory;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
