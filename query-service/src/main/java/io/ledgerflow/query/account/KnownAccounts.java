package io.ledgerflow.query.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Account documents this instance has written, the most used kept. A document, once there, stays in its generation
 * (only a dropped database loses it, and that counts as a loss: {@code ProjectionCollections.losses}), so the next
 * batch of its account need not make sure it exists. Saves one write per account and batch.
 */
final class KnownAccounts {

    private static final int ACCOUNTS = 65_536;

    private final Cache<String, Boolean> known = Caffeine.newBuilder().maximumSize(ACCOUNTS).build();

    void add(String generation, String accountId) {
        known.put(generation + '/' + accountId, Boolean.TRUE);
    }

    boolean contains(String generation, String accountId) {
        return known.getIfPresent(generation + '/' + accountId) != null;
    }
}
