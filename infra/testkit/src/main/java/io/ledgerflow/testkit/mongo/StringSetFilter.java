package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * A filter whose {@code {field: {$in: [strings]}}} conditions, at its top level or under {@code $and}/{@code $or}, are
 * answered by a hash set when the document's field holds a string. The library compares a document's value with each
 * listed value in turn, so a scan with an {@code $in} of n strings cost n comparisons per document: a client owning
 * 9,000 accounts made each of its transfer lists compare every stored transfer with 18,000 ids (22-30 s, probe F2).
 * <p>
 * Everything else (other operators, a field holding an array, null or no value, a list with a non-string, a dotted
 * path) is left to the library's matcher, one top-level condition at a time: a filter document is the conjunction of
 * its conditions, so the answer is the library's.
 */
final class StringSetFilter {

    private StringSetFilter() {
    }

    /**
     * @param library the library's matcher, asked about a document and a filter
     * @return the library's own test of the whole filter when it has no {@code $in} of strings to hash
     */
    static Predicate<Document> of(Document filter, BiPredicate<Document, Document> library) {
        if (!hasStringSet(filter)) {
            return document -> library.test(document, filter);
        }
        return conjunction(filter, library);
    }

    private static Predicate<Document> conjunction(Document filter, BiPredicate<Document, Document> library) {
        List<Predicate<Document>> conditions = new ArrayList<>();
        Document rest = new Document();
        for (Map.Entry<String, Object> condition : filter.entrySet()) {
            String key = condition.getKey();
            Object value = condition.getValue();
            Set<String> strings = stringSet(key, value);
            if (strings != null) {
                Document alone = new Document(key, value);
                conditions.add(document -> document.get(key) instanceof String held
                        ? strings.contains(held) : library.test(document, alone));
            } else if (isLogical(key, value) && hasStringSet(value)) {
                List<Predicate<Document>> terms = ((List<?>) value).stream()
                        .map(term -> conjunction((Document) term, library)).toList();
                conditions.add(key.equals("$and") ? allOf(terms) : anyOf(terms));
            } else {
                rest.put(key, value);
            }
        }
        if (!rest.isEmpty()) {
            conditions.add(document -> library.test(document, rest));
        }
        return allOf(conditions);
    }

    private static boolean hasStringSet(Object value) {
        if (value instanceof Document filter) {
            for (Map.Entry<String, Object> condition : filter.entrySet()) {
                if (stringSet(condition.getKey(), condition.getValue()) != null
                        || isLogical(condition.getKey(), condition.getValue())
                        && hasStringSet(condition.getValue())) {
                    return true;
                }
            }
            return false;
        }
        return value instanceof List<?> terms && terms.stream().anyMatch(StringSetFilter::hasStringSet);
    }

    /** {@code $and} or {@code $or} of one or more filter documents ({@code $nor} and empty lists stay the library's). */
    private static boolean isLogical(String key, Object value) {
        return (key.equals("$and") || key.equals("$or")) && value instanceof List<?> terms && !terms.isEmpty()
                && terms.stream().allMatch(Document.class::isInstance);
    }

    /** The strings of a top-level field's {@code {$in: [...]}} that lists only strings; null for any other condition. */
    private static Set<String> stringSet(String key, Object value) {
        if (key.startsWith("$") || key.contains(".") || !(value instanceof Document condition) || condition.size() != 1
                || !(condition.get("$in") instanceof List<?> listed)
                || !listed.stream().allMatch(String.class::isInstance)) {
            return null;
        }
        Set<String> strings = new HashSet<>();
        listed.forEach(string -> strings.add((String) string));
        return strings;
    }

    private static Predicate<Document> allOf(List<Predicate<Document>> terms) {
        return document -> {
            for (Predicate<Document> term : terms) {
                if (!term.test(document)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Predicate<Document> anyOf(List<Predicate<Document>> terms) {
        return document -> {
            for (Predicate<Document> term : terms) {
                if (term.test(document)) {
                    return true;
                }
            }
            return false;
        };
    }
}
