package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * A document's bytes in the store as MongoDB keeps them: BSON, encoded and decoded by mongo-java-server's own wire
 * codec, so a stored document reads back as the wire would have delivered it.
 * <p>
 * H2 stores an object of a class it does not know with Java serialisation; for the stand-in's documents that was half
 * of its CPU under load (serialising pages for the file, deserialising pages read back). BSON is several times cheaper
 * both ways, and smaller, so more pages fit H2's cache.
 */
final class BsonBytes {

    /** Above this, a thread's encoding buffer is not kept for its next document. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;
    private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(512));

    private BsonBytes() {
    }

    /**
     * Writes the document as BSON and returns its length, or returns empty and writes nothing when it holds a value
     * BSON has no type for.
     */
    static Optional<Integer> write(WriteBuffer out, Map<String, ?> document) {
        ByteBuf buffer = BUFFERS.get();
        buffer.clear();
        try {
            BsonEncoder.encodeDocument(document, buffer);
        } catch (IllegalArgumentException | ClassCastException notBson) {
            return Optional.empty();
        } finally {
            if (buffer.capacity() > KEPT_BUFFER_BYTES) {
                BUFFERS.remove();
            }
        }
        int length = buffer.readableBytes();
        out.put(buffer.nioBuffer());
        return Optional.of(length);
    }

    /** Reads the BSON document at the buffer's position and moves the position past it. */
    static Document read(ByteBuffer in) {
        ByteBuf bytes = Unpooled.wrappedBuffer(in.slice());
        Document document = BsonDecoder.decodeBson(bytes);
        in.position(in.position() + bytes.readerIndex());
        return document;
    }
}
