package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.h2.mvstore.WriteBuffer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any document the wire can carry reads back from the stand-in's file as it was written: the same fields in the same
 * order, each value of the same Java type; any index key likewise, and in the same place of the index's order.
 */
class StoredBytesProperties {

    @Property(tries = 300)
    void a_document_reads_back_as_written(@ForAll("documents") Document document) {
        MongoDocumentType type = new MongoDocumentType();
        WriteBuffer out = new WriteBuffer();
        type.write(out, new StoredDocument(document));
        ByteBuffer in = out.getBuffer().flip();

        assertThat(in.get(0)).as("stored as BSON").isEqualTo(TaggedBson.BSON);
        Document read = type.read(in).document();
        assertSameValue(read, document);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Property(tries = 300)
    void an_index_key_reads_back_as_written_and_orders_the_same(@ForAll("keys") KeyValue key,
                                                               @ForAll("keys") KeyValue other) {
        MongoKeyType type = new MongoKeyType();
        WriteBuffer out = new WriteBuffer();
        type.write(out, key);
        KeyValue read = (KeyValue) type.read(out.getBuffer().flip());

        assertThat(read).isEqualTo(key);
        assertThat(Integer.signum(type.compare(read, other))).isEqualTo(Integer.signum(type.compare(key, other)));
    }

    @Property(tries = 500)
    void index_keys_order_as_the_librarys_value_order(@ForAll("keys") KeyValue key, @ForAll("keys") KeyValue other) {
        ValueComparator values = ValueComparator.asc();
        int expected = 0;
        for (int i = 0; i < Math.min(key.size(), other.size()) && expected == 0; i++) {
            expected = values.compare(key.get(i), other.get(i));
        }
        if (expected == 0) {
            expected = Integer.compare(key.size(), other.size());
        }

        assertThat(Integer.signum(new MongoKeyType().compare(key, other))).isEqualTo(Integer.signum(expected));
        assertThat(Integer.signum(new MongoKeyType().compare(key, key))).isZero();
    }

    /** Equal, and of the same Java types in the same order all the way down (Document equality ignores both). */
    private static void assertSameValue(Object actual, Object expected) {
        assertThat(actual).isEqualTo(expected);
        if (expected == null) {
            return;
        }
        assertThat(actual).isInstanceOf(expected instanceof List<?> ? List.class : expected.getClass());
        if (expected instanceof Document document) {
            assertThat(((Document) actual).keySet()).containsExactlyElementsOf(document.keySet());
            document.forEach((name, value) -> assertSameValue(((Document) actual).get(name), value));
        } else if (expected instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertSameValue(((List<?>) actual).get(i), list.get(i));
            }
        }
    }

    @Provide
    Arbitrary<Document> documents() {
        return document(3);
    }

    @Provide
    Arbitrary<KeyValue> keys() {
        return scalar().list().ofMinSize(1).ofMaxSize(3).map(values -> new KeyValue(new ArrayList<>(values)));
    }

    private Arbitrary<Document> document(int depth) {
        Arbitrary<Object> value = depth == 0 ? scalar() : Arbitraries.frequencyOf(
                Tuple.of(6, scalar()),
                Tuple.of(1, document(depth - 1).map(Object.class::cast)),
                Tuple.of(1, scalar().list().ofMaxSize(4).map(Object.class::cast)));
        return Arbitraries.maps(Arbitraries.strings().alpha().numeric().withChars("_-#").ofMinLength(1).ofMaxLength(12),
                        value.injectNull(0.05))
                .ofMaxSize(8)
                .map(fields -> {
                    Document document = new Document();
                    fields.forEach(document::put);
                    return document;
                });
    }

    private static Arbitrary<Object> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').withChars("äé€ñ").ofMaxLength(40).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_999L)
                        .map(millis -> (Object) Instant.ofEpochMilli(millis)),
                Arbitraries.bigIntegers().between(BigInteger.valueOf(-1_000_000_000_000L),
                                BigInteger.valueOf(1_000_000_000_000L))
                        .map(units -> (Object) new Decimal128(new BigDecimal(units, 2))),
                Arbitraries.create(ObjectId::new).map(Object.class::cast),
                Arbitraries.create(UUID::randomUUID).map(Object.class::cast));
    }
}
