package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The index's shortcut to a document's key gives what the library works out, whatever the id. */
class OrderedKeyIndexKeysProperties {

    private static final List<IndexKey> ID = List.of(new IndexKey("_id", true));

    private final OrderedKeyIndex ordered = new OrderedKeyIndex(
            MVStore.open(null).openMap("keys"), "_id_", ID, false);
    private final AbstractUniqueIndex<Object> library = new LibraryKeys();

    @Property
    void a_documents_key_is_the_librarys(@ForAll("ids") Object id) {
        Document document = new Document("version", 3L);
        if (id != Absent.ID) {
            document.put("_id", id);
        }

        assertThat(ordered.getKeyValues(document)).isEqualTo(library.getKeyValues(document));
    }

    @Provide
    Arbitrary<Object> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(Object.class::cast),
                Arbitraries.strings().withChars("ab.$#@:-").ofMaxLength(8).map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(-0.0, 0L, Absent.ID).map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(5).map(value -> (Object) new Document("k", value)));
    }

    /** An id left out of the document. */
    private enum Absent { ID }

    /** The library's way to a document's key: nothing overridden. */
    private static final class LibraryKeys extends AbstractUniqueIndex<Object> {

        LibraryKeys() {
            super("_id_", ID, false);
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getCount() {
            return 0;
        }

        @Override
        public long getDataSize() {
            return 0;
        }
    }
}
