package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * mongo-java-server's H2 collection, which uses an index only for a filter on exactly that index's keys, made to
 * find a document through the {@code _id} index whenever the filter pins {@code _id} to one value beside other
 * conditions ({@code {_id: x, version: {$lt: 7}}}, or the same under {@code $and}), as MongoDB does. The whole filter
 * is still applied to the document found. Without this, every guarded update (a projection's "only if newer", a
 * counter's "only if still at this offset") read every document of its collection. A filter that is exactly
 * {@code {_id: {$in: [...]}}} is answered from the index alone ({@link #listedIds}). A string id, pinned or listed,
 * is looked up among the stored documents directly ({@link #storedWithId}).
 * <p>
 * It also hands out copies of the documents it stores to every command that may change them, never the stored objects
 * themselves ({@link #createQueryResult}).
 */
final class IdPinnedCollection extends StoredDocumentsCollection {

    private static final ThreadLocal<Boolean> ANSWERING_FIND = ThreadLocal.withInitial(() -> false);
    /** The filter a scan on this thread is matching now, compiled once for all the documents it reads. */
    private static final ThreadLocal<CompiledFilter> SCANNING = new ThreadLocal<>();

    private record CompiledFilter(IdPinnedCollection collection, Document filter, Predicate<Document> test) {
    }

    IdPinnedCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                       MVMap<Object, StoredDocument> documents, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, documents, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        if (getIdField() == null) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Optional<List<?>> ids = listedIds(query);
        if (ids.isPresent() && ids.get().stream().allMatch(String.class::isInstance)) {
            // every document found is one the filter asks for: no need to compare it with each listed id again
            Stream<Document> listed = ids.get().stream().distinct()
                    .map(id -> storedWithId((String) id)).filter(Objects::nonNull);
            return matchDocumentsFromStream(listed, new Document(), orderBy, numberToSkip, limit, batchSize,
                    fieldSelector);
        }
        Optional<Index<Object>> index = idIndex();
        if (ids.isPresent() && index.isPresent()) {
            Set<Object> positions = new LinkedHashSet<>();
            for (Object id : ids.get()) {
                index.get().getPositions(new Document(getIdField(), id)).forEach(positions::add);
            }
            return matchDocuments(new Document(), positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Optional<Object> id = pinnedId(query);
        if (id.isPresent() && id.get() instanceof String stringId) {
            Stream<Document> pinned = Stream.ofNullable(storedWithId(stringId));
            return matchDocumentsFromStream(pinned, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        if ((query.size() > 1 || query.containsKey("$and")) && id.isPresent() && index.isPresent()) {
            Iterable<Object> positions = index.get().getPositions(new Document(getIdField(), id.get()));
            return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * Each document a query reads, found by an index or by a scan, is matched here: by {@link StringSetFilter}, and
     * within the {@code maxTimeMS} of the {@code find} it answers ({@link FindTimeLimit}).
     */
    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        FindTimeLimit.check();
        CompiledFilter compiled = SCANNING.get();
        if (compiled == null || compiled.collection != this || compiled.filter != query) {
            compiled = new CompiledFilter(this, query,
                    StringSetFilter.of(query, (matched, filter) -> super.documentMatchesQuery(matched, filter)));
            SCANNING.set(compiled);
        }
        return compiled.test.test(document);
    }

    /**
     * The document stored under this string {@code _id}, or null. The collection keys its documents by their
     * {@code _id} itself, so it is looked up there directly, without the {@code _id} index's B-tree first (JFR of
     * infra/projection-bench: finding the index and looking the id up in it, for an update or a find by id, was about
     * an eighth of the samples). Only strings: MongoDB finds an id of 1 by 1.0 too, which the index does by comparing
     * values as MongoDB does.
     */
    private Document storedWithId(String id) {
        return getDocument(id);
    }

    /**
     * Every query's documents, the ones an update, a find-and-modify or an aggregation goes on to change included, as
     * copies. The library changes a matched document in place and stores that same object again, while H2 may be
     * encoding it for the file on its background writer thread: a field added or removed meanwhile threw
     * {@code ConcurrentModificationException} there, and H2 then closed the whole store (a field only changed could
     * have been written half-updated). So a stored document is never changed after it is stored, and a {@code find}
     * ({@link #answeringFind}), which only encodes its documents for the wire, gets the stored ones: copying them was a
     * tenth of the stand-in's CPU in a projection rebuild (JFR).
     */
    @Override
    protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
        if (ANSWERING_FIND.get()) {
            return super.createQueryResult(matchedDocuments, batchSize);
        }
        List<Document> copies = new ArrayList<>(matchedDocuments.size());
        matchedDocuments.forEach(document -> copies.add(document.cloneDeeply()));
        return super.createQueryResult(copies, batchSize);
    }

    /**
     * Runs a {@code find} command: its documents are only read, so they need not be copies; it stops with MongoDB's
     * error 50 once its {@code maxTimeMS}, if it has one, has passed.
     */
    static <T> T answeringFind(Object maxTimeMS, Supplier<T> find) {
        ANSWERING_FIND.set(true);
        try {
            return FindTimeLimit.within(maxTimeMS, find);
        } finally {
            ANSWERING_FIND.remove();
        }
    }

    /** After each command: the thread keeps no filter, nor the collection it was for, until its next one. */
    static void commandDone() {
        SCANNING.remove();
    }

    /** The one value the filter requires {@code _id} to equal, at its top level or in one of its {@code $and} terms. */
    private Optional<Object> pinnedId(Document query) {
        Optional<Object> top = plainValue(query.get(getIdField()));
        if (top.isPresent()) {
            return top;
        }
        if (query.get("$and") instanceof List<?> terms) {
            for (Object term : terms) {
                if (term instanceof Document condition) {
                    Optional<Object> id = plainValue(condition.get(getIdField()));
                    if (id.isPresent()) {
                        return id;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The ids of a filter that is exactly {@code {_id: {$in: [...]}}}, each a plain value. The library finds them
     * through the index too, but then compares every document found with every listed id: quadratic in the list.
     */
    private Optional<List<?>> listedIds(Document query) {
        if (query.size() != 1 || !(query.get(getIdField()) instanceof Document condition) || condition.size() != 1
                || !(condition.get("$in") instanceof List<?> values)) {
            return Optional.empty();
        }
        for (Object value : values) {
            if (plainValue(value).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /** A value compared for equality: not absent, not an operator document, a regular expression or an array. */
    private static Optional<Object> plainValue(Object value) {
        if (value == null || value instanceof Document || value instanceof Pattern || value instanceof Collection<?>) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private Optional<Index<Object>> idIndex() {
        return getIndexes().stream()
                .filter(index -> index.getKeys().size() == 1 && index.getKeys().get(0).getKey().equals(getIdField()))
                .findFirst();
    }
}
