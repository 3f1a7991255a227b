package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.bson.Document;

/**
 * A document as a collection stores it: never changed once stored (an update stores a new one, {@link
 * IdPinnedCollection}), so its BSON, encoded the first time H2 writes it to the file, is kept and written as is every
 * later time. H2 writes a whole page whenever one document on it changes, and re-encoding the unchanged documents of
 * those pages was most of the stand-in's file writing under load (JFR of the local stack: its serialisation thread
 * was 30 % of the launcher's CPU, half of that encoding documents).
 */
final class StoredDocument {

    private final Document document;
    private volatile byte[] bson;

    StoredDocument(Document document) {
        this(document, null);
    }

    /** A document read from the file, with the BSON it was read from. */
    StoredDocument(Document document, byte[] bson) {
        this.document = document;
        this.bson = bson;
    }

    Document document() {
        return document;
    }

    /** Its BSON, encoded on the first call; null for a document holding a value BSON has no type for. */
    byte[] bson() {
        byte[] encoded = bson;
        if (encoded == null) {
            // two threads may both encode it: the same bytes either way
            encoded = TaggedBson.bytes(document);
            bson = encoded;
        }
        return encoded;
    }
}
