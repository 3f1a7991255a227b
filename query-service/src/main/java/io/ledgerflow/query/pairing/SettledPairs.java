package io.ledgerflow.query.pairing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pairs this instance saw settled, the newest kept: a pair once settled stays settled in its generation, so the leg
 * after one need not read it again.
 */
final class SettledPairs {

    private static final int PAIRS = 16_384;

    private final Map<String, Boolean> settled = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > PAIRS;
        }
    };

    synchronized void add(String generation, String pair) {
        settled.put(generation + '/' + pair, Boolean.TRUE);
    }

    synchronized boolean contains(String generation, String pair) {
        return settled.containsKey(generation + '/' + pair);
    }
}
