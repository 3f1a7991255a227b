package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the stand-in's file holds for a document and an index key, read back as it was written. */
class StoredBytesTest {

    @Test
    void a_document_reads_back_with_every_value_and_its_java_type_as_bson_carries_them() {
        Document document = new Document("_id", "acc-1")
                .append("version", 7L)
                .append("count", 3)
                .append("ratio", 0.5)
                .append("balance", new Decimal128(new BigDecimal("-12.34")))
                .append("at", Instant.ofEpochMilli(1_764_633_600_123L))
                .append("closed", false)
                .append("note", null)
                .append("legs", List.of(new Document("account", "a").append("amount", "1.00"), "x", 2L))
                .append("nested", new Document("deep", new Document("id", new ObjectId())))
                .append("uuid", UUID.randomUUID());

        Document back = roundTrip(document);

        assertThat(back).isEqualTo(document);
        assertThat(back.get("version")).isInstanceOf(Long.class);
        assertThat(back.get("count")).isInstanceOf(Integer.class);
        assertThat(back.keySet()).containsExactlyElementsOf(document.keySet());
    }

    @Test
    void a_document_is_stored_as_bson_behind_its_tag_not_as_a_serialised_java_object() {
        ByteBuffer bytes = written(new MongoDocumentType(),
                new StoredDocument(new Document("_id", "acc-1").append("version", 7L)));

        assertThat(bytes.get(0)).isEqualTo(TaggedBson.BSON);
        int bsonLength = bytes.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(1);
        assertThat(bsonLength).as("the BSON document's own length prefix covers the rest").isEqualTo(bytes.limit() - 1);
    }

    @Test
    void a_document_with_a_value_bson_cannot_hold_is_stored_as_a_java_object_and_reads_back() {
        // BigDecimal: Serializable, but no BSON type (a client sends Decimal128)
        Document document = new Document("_id", "odd").append("amount", new BigDecimal("1.50"));

        ByteBuffer bytes = written(new MongoDocumentType(), new StoredDocument(document));

        assertThat(bytes.get(0)).isEqualTo(TaggedBson.OTHER);
        assertThat(new MongoDocumentType().read(bytes).document()).isEqualTo(document);
    }

    @Test
    void documents_written_one_after_another_read_back_one_after_another() {
        MongoDocumentType type = new MongoDocumentType();
        WriteBuffer out = new WriteBuffer();
        List<Document> documents = List.of(new Document("_id", "a").append("n", 1L),
                new Document("_id", "b").append("list", List.of(1, 2, 3)), new Document("_id", "c"));
        documents.forEach(document -> type.write(out, new StoredDocument(document)));
        ByteBuffer in = out.getBuffer().flip();

        assertThat(List.of(type.read(in).document(), type.read(in).document(), type.read(in).document()))
                .isEqualTo(documents);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void a_stored_document_is_encoded_the_first_time_it_is_written_and_its_bytes_written_again_after() {
        MongoDocumentType type = new MongoDocumentType();
        Document document = new Document("_id", "acc-1").append("version", 7L);
        StoredDocument stored = new StoredDocument(document);
        ByteBuffer first = written(type, stored);

        // a stored document is never changed; changed here only to show which bytes a second write takes
        document.put("version", 8L);
        ByteBuffer second = written(type, stored);

        assertThat(second).isEqualTo(first);
        assertThat(type.read(second).document()).containsEntry("version", 7L);
    }

    @Test
    void a_document_read_from_the_file_is_written_again_from_the_bytes_it_was_read_from() {
        MongoDocumentType type = new MongoDocumentType();
        StoredDocument read = type.read(written(type, new StoredDocument(new Document("_id", "acc-1").append("n", 1L))));

        read.document().put("n", 2L);

        assertThat(type.read(written(type, read)).document()).containsEntry("n", 1L);
    }

    @Test
    void index_keys_read_back_equal_and_in_the_same_order() {
        MongoKeyType keys = new MongoKeyType();
        KeyValue single = new KeyValue("acc-10");
        KeyValue compound = new KeyValue("USD", 2L, Instant.ofEpochMilli(5));
        KeyValue withNull = new KeyValue("x", null);

        for (KeyValue key : List.of(single, compound, withNull)) {
            Object read = roundTrip(keys, key);
            assertThat(read).isEqualTo(key);
            assertThat(keys.compare(read, key)).isZero();
        }
        assertThat(written(keys, single).get(0)).as("stored as BSON").isEqualTo(TaggedBson.BSON);
    }

    @Test
    void keys_that_are_not_index_keys_are_stored_as_h2_stores_them() {
        MongoKeyType keys = new MongoKeyType();

        assertThat(roundTrip(keys, "plain")).isEqualTo("plain");
        assertThat(roundTrip(keys, 42L)).isEqualTo(42L);
        KeyValue notBson = new KeyValue(new BigDecimal("1.50"));
        assertThat(written(keys, notBson).get(0)).isEqualTo(TaggedBson.OTHER);
        assertThat(roundTrip(keys, notBson)).isEqualTo(notBson);
    }

    private static Document roundTrip(Document document) {
        MongoDocumentType type = new MongoDocumentType();
        return type.read(written(type, new StoredDocument(document))).document();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object roundTrip(org.h2.mvstore.type.DataType type, Object value) {
        return type.read(written(type, value));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ByteBuffer written(org.h2.mvstore.type.DataType type, Object value) {
        WriteBuffer out = new WriteBuffer();
        type.write(out, value);
        return out.getBuffer().flip();
    }
}
