package io.ledgerflow.query.mongo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Facts this instance saw about documents that, once true, stay true in their generation (a pair settled, an account
 * document written), the most used kept, so that a consumer need not read or write again to learn them. Kept per
 * generation this thread works on and per loss ({@link ProjectionCollections#losses}): a dropped database forgets
 * them all.
 */
public final class KnownInGeneration {

    private final ProjectionCollections collections;
    private final Cache<String, Boolean> known;

    public KnownInGeneration(ProjectionCollections collections, int maximumSize) {
        this.collections = collections;
        this.known = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    public void add(String id) {
        known.put(keyOf(id), Boolean.TRUE);
    }

    public boolean contains(String id) {
        return known.getIfPresent(keyOf(id)) != null;
    }

    private String keyOf(String id) {
        return collections.generation() + '/' + collections.losses() + '/' + id;
    }
}
