package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A filter with {@code $in} lists of strings, hashed, matches exactly the documents the library's matcher matches:
 * fields holding strings, arrays, numbers, null or nothing; {@code $in} among other conditions, under {@code $and} and
 * {@code $or}, listing a non-string or nothing at all.
 */
class StringSetFilterProperties {

    private static final List<String> FIELDS = List.of("debit", "credit", "status");

    @Property(tries = 500)
    void a_filter_matches_what_the_library_matches(@ForAll("documents") Document document,
                                                   @ForAll("filters") Document filter) {
        DefaultQueryMatcher library = new DefaultQueryMatcher();
        Predicate<Document> hashed = StringSetFilter.of(filter, library::matches);

        assertThat(hashed.test(document)).as("%s against %s", filter, document)
                .isEqualTo(library.matches(document, filter));
    }

    @Property(tries = 200)
    void a_filter_without_string_lists_is_the_librarys_own_test(@ForAll("documents") Document document) {
        Document filter = new Document("status", new Document("$ne", "REJECTED"));
        AtomicInteger asked = new AtomicInteger();
        DefaultQueryMatcher library = new DefaultQueryMatcher();

        boolean matched = StringSetFilter.of(filter, (matching, whole) -> {
            asked.incrementAndGet();
            assertThat(whole).isSameAs(filter);
            return library.matches(matching, whole);
        }).test(document);

        assertThat(matched).isEqualTo(library.matches(document, filter));
        assertThat(asked).hasValue(1);
    }

    @Provide
    Arbitrary<Document> documents() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                strings().map(Object.class::cast),
                strings().list().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.integers().between(0, 3).map(Object.class::cast),
                Arbitraries.just(Absent.VALUE),
                Arbitraries.just(Null.VALUE));
        return Combinators.combine(value, value, value).as((debit, credit, status) -> {
            Document document = new Document("_id", "t");
            List<Object> values = List.of(debit, credit, status);
            for (int i = 0; i < FIELDS.size(); i++) {
                Object held = values.get(i);
                if (held == Null.VALUE) {
                    document.put(FIELDS.get(i), null);
                } else if (held != Absent.VALUE) {
                    document.put(FIELDS.get(i), held);
                }
            }
            return document;
        });
    }

    @Provide
    Arbitrary<Document> filters() {
        return Arbitraries.recursive(this::condition, this::logical, 0, 3);
    }

    private Arbitrary<Document> condition() {
        Arbitrary<String> field = Arbitraries.of(FIELDS);
        Arbitrary<List<Object>> listed = Arbitraries.oneOf(
                strings().list().ofMaxSize(4).map(ArrayList<Object>::new),
                Combinators.combine(strings().list().ofMaxSize(3), Arbitraries.of(1, 2L))
                        .as((strings, other) -> {
                            List<Object> mixed = new ArrayList<>(strings);
                            mixed.add(other);
                            return mixed;
                        }));
        Arbitrary<Document> in = Combinators.combine(field, listed)
                .as((name, values) -> new Document(name, new Document("$in", values)));
        Arbitrary<Document> other = Combinators.combine(field, strings(), Arbitraries.of("$ne", "$eq", "$gt"))
                .as((name, value, operator) -> new Document(name, new Document(operator, value)));
        Arbitrary<Document> dotted = strings().map(value -> new Document("debit.0", new Document("$in", List.of(value))));
        return Arbitraries.frequencyOf(Tuple.of(5, in), Tuple.of(3, other), Tuple.of(1, dotted));
    }

    private Arbitrary<Document> logical(Arbitrary<Document> inner) {
        Arbitrary<Document> both = Combinators.combine(inner, inner).as((a, b) -> {
            Document merged = new Document(a);
            b.forEach(merged::putIfAbsent);
            return merged;
        });
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("$and", "$or"), inner.list().ofMinSize(1).ofMaxSize(3))
                        .as((operator, terms) -> new Document(operator, new ArrayList<>(terms))),
                both);
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.of("a", "b", "c", "REJECTED", "");
    }

    private enum Absent { VALUE }

    private enum Null { VALUE }
}
