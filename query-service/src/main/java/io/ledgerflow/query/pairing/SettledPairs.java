package io.ledgerflow.query.pairing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Pairs this instance saw settled, the most used kept: a pair once settled stays settled in its generation, so the
 * leg after one need not read it again.
 */
final class SettledPairs {

    private static final int PAIRS = 16_384;

    private final Cache<String, Boolean> settled = Caffeine.newBuilder().maximumSize(PAIRS).build();

    void add(String generation, String pair) {
        settled.put(generation + '/' + pair, Boolean.TRUE);
    }

    boolean contains(String generation, String pair) {
        return settled.getIfPresent(generation + '/' + pair) != null;
    }
}
