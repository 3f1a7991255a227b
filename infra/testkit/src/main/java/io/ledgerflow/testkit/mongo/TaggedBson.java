package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * A value's bytes in the stand-in's file as MongoDB keeps a document: a tag byte, then BSON encoded and decoded by
 * mongo-java-server's own wire codec, so a stored document reads back as the wire would have delivered it. A value
 * that is not a document, or holds something BSON has no type for, gets the other tag and is written by the caller
 * its own way, rather than failing H2's background write, which would stop the whole store.
 * <p>
 * H2 stores an object of a class it does not know with Java serialisation; for the stand-in's documents and index keys
 * that was half of its CPU in a rebuild (serialising pages for the file, deserialising pages read back). BSON is
 * several times cheaper both ways, and smaller, so more pages fit H2's cache.
 * <p>
 * It also keeps the memory estimate H2 asks of a data type, from the BSON lengths written so far: H2's own estimate
 * for an object it serialises starts at 10,000 bytes.
 */
final class TaggedBson {

    static final byte BSON = 1;
    static final byte OTHER = 0;

    /** Above this, a thread's encoding buffer is not kept for its next value. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;
    private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(512));

    private final int memoryPerByte;
    private volatile int averageMemory;

    /**
     * @param memoryPerByte estimated bytes in memory of a value, per byte of its BSON: a decoded value takes a few
     *                      times its BSON length in objects
     */
    TaggedBson(int initialMemoryEstimate, int memoryPerByte) {
        this.averageMemory = initialMemoryEstimate;
        this.memoryPerByte = memoryPerByte;
    }

    /**
     * Writes the BSON tag and the document, and returns true; or, for no document or one BSON cannot hold, writes
     * the other tag only and returns false: the caller then writes the value after it.
     */
    boolean write(WriteBuffer out, Map<String, ?> document) {
        if (document != null) {
            ByteBuf bson = encoded(document);
            if (bson != null) {
                out.put(BSON).put(bson.nioBuffer());
                measured(bson.readableBytes());
                return true;
            }
        }
        out.put(OTHER);
        return false;
    }

    /** Writes the BSON tag and a document already encoded ({@link #bytes}), or, for null, the other tag only. */
    boolean write(WriteBuffer out, byte[] bson) {
        if (bson == null) {
            out.put(OTHER);
            return false;
        }
        out.put(BSON).put(bson);
        measured(bson.length);
        return true;
    }

    /** The document as BSON, or null when it holds a value BSON has no type for. */
    static byte[] bytes(Map<String, ?> document) {
        ByteBuf bson = encoded(document);
        if (bson == null) {
            return null;
        }
        byte[] bytes = new byte[bson.readableBytes()];
        bson.readBytes(bytes);
        return bytes;
    }

    /** Reads the tag at the buffer's position: true when a BSON document follows, false when the caller's own bytes. */
    boolean isBson(ByteBuffer in) {
        byte tag = in.get();
        return switch (tag) {
            case BSON -> true;
            case OTHER -> false;
            default -> throw new IllegalStateException("unknown value tag " + tag + " at " + (in.position() - 1));
        };
    }

    /** Reads the BSON document at the buffer's position (after its tag) and moves the position past it. */
    Document read(ByteBuffer in) {
        ByteBuf bytes = Unpooled.wrappedBuffer(in.slice());
        Document document = BsonDecoder.decodeBson(bytes);
        in.position(in.position() + bytes.readerIndex());
        return document;
    }

    /** The BSON document at the buffer's position (after its tag), as bytes; moves the position past it. */
    byte[] readBytes(ByteBuffer in) {
        int length = in.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** Estimated bytes in memory of a value written as BSON. */
    int memory() {
        return averageMemory;
    }

    private void measured(int bsonLength) {
        averageMemory = (15 * averageMemory + memoryPerByte * bsonLength) / 16;
    }

    /** The document in this thread's buffer, or null when it holds a value BSON has no type for. */
    private static ByteBuf encoded(Map<String, ?> document) {
        ByteBuf buffer = BUFFERS.get();
        buffer.clear();
        try {
            BsonEncoder.encodeDocument(document, buffer);
            return buffer;
        } catch (IllegalArgumentException | ClassCastException notBson) {
            return null;
        } finally {
            if (buffer.capacity() > KEPT_BUFFER_BYTES) {
                BUFFERS.remove();
            }
        }
    }
}
