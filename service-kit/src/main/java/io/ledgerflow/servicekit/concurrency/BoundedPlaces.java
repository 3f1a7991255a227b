package io.ledgerflow.servicekit.concurrency;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Places in something an instance shares (request threads that wait, live streams): at most {@code perKey} held
 * under one key (a caller, an Idempotency-Key) and at most {@code total} in all, so that no one key takes every
 * place and leaves the others none.
 */
public final class BoundedPlaces<K> {

    private final int perKey;
    private final Semaphore total;
    private final Map<K, Integer> held = new ConcurrentHashMap<>();

    public BoundedPlaces(int perKey, int total) {
        if (perKey < 0 || total < 0) {
            throw new IllegalArgumentException("places cannot be fewer than none: " + perKey + ", " + total);
        }
        this.perKey = perKey;
        this.total = new Semaphore(total);
    }

    public int perKey() {
        return perKey;
    }

    /** True when a place was taken for {@code key}; the taker then gives it back once, with {@link #give}. */
    public boolean tryTake(K key) {
        if (!total.tryAcquire()) {
            return false;
        }
        boolean[] taken = {false};
        held.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perKey) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            total.release();
        }
        return taken[0];
    }

    public void give(K key) {
        held.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
        total.release();
    }

    public int heldBy(K key) {
        return held.getOrDefault(key, 0);
    }
}
