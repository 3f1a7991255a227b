package io.ledgerflow.query.mongo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Facts this instance saw about documents that, once true, stay true in their generation (a pair settled, an account
 * document written), the most used kept, so that a consumer need not read or write again to learn them. Name the
 * generation with its losses too ({@link ProjectionCollections#losses}): a dropped database forgets them all.
 */
public final class KnownInGeneration {

    private final Cache<String, Boolean> known;

    public KnownInGeneration(int maximumSize) {
        this.known = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    public void add(String generation, String id) {
        known.put(generation + '/' + id, Boolean.TRUE);
    }

    public boolean contains(String generation, String id) {
        return known.getIfPresent(generation + '/' + id) != null;
    }
}
