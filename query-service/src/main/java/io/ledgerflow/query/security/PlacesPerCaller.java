package io.ledgerflow.query.security;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code max} places per caller (token subject) in something every caller shares (live streams, waiting
 * reads), so that one token cannot take every place and leave the other callers without one.
 */
public final class PlacesPerCaller {

    private final int max;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    public PlacesPerCaller(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a caller needs at least one place: " + max);
        }
        this.max = max;
    }

    public int max() {
        return max;
    }

    /** One more place for this caller, given back once by the handle's {@code run()}; empty when it holds max. */
    public Optional<Runnable> tryTake(String caller) {
        boolean[] taken = {false};
        held.compute(caller, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            return Optional.empty();
        }
        AtomicBoolean given = new AtomicBoolean();
        return Optional.of(() -> {
            if (given.compareAndSet(false, true)) {
                held.computeIfPresent(caller, (key, count) -> count > 1 ? count - 1 : null);
            }
        });
    }

    public int heldBy(String caller) {
        return held.getOrDefault(caller, 0);
    }
}
