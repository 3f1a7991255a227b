package io.ledgerflow.servicekit.idempotency;

import io.ledgerflow.servicekit.concurrency.BoundedPlaces;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What this instance knows about keys without asking the database: which keys a request here is executing under, and
 * how many requests here wait for another with the same key.
 * <ul>
 *   <li>A key whose request runs here is never taken over as orphaned by a retry reaching this instance. Between
 *       a group's rollback and the same request running alone, nobody holds the key's advisory lock for a moment;
 *       a retry polling then took the key over from a request that was still running, which answered 409 and ran
 *       again, over and over while the account stayed busy.</li>
 *   <li>Waiting is bounded: at most {@code perKey} requests wait for one key, at most {@code total} for all keys,
 *       and one caller's requests in at most a quarter of those places (or {@code perKey}, if more), so that one
 *       caller's many keys cannot take every place and leave other callers' retries answered 409 at once. Each
 *       holds a request thread and polls the database every 25 ms; without a bound, a few hundred retries of one
 *       key took the threads and connections that other callers' requests needed.</li>
 * </ul>
 */
public final class KeysInThisInstance {

    public record KeyId(String subject, String key) {
    }

    private final ConcurrentMap<KeyId, Integer> executing = new ConcurrentHashMap<>();
    private final BoundedPlaces<KeyId> waiting;
    private final BoundedPlaces<String> waitingCallers;

    public KeysInThisInstance(int perKey, int total) {
        this.waiting = new BoundedPlaces<>(perKey, total);
        this.waitingCallers = new BoundedPlaces<>(Math.max(perKey, total / 4), total);
    }

    public void executing(KeyId id) {
        executing.merge(id, 1, Integer::sum);
    }

    public void finished(KeyId id) {
        executing.computeIfPresent(id, (key, count) -> count == 1 ? null : count - 1);
    }

    public boolean isExecuting(KeyId id) {
        return executing.containsKey(id);
    }

    /** True when this request may wait for the key; it then calls {@link #stopWaiting} once. */
    public boolean startWaiting(KeyId id) {
        if (!waitingCallers.tryTake(id.subject())) {
            return false;
        }
        if (!waiting.tryTake(id)) {
            waitingCallers.give(id.subject());
            return false;
        }
        return true;
    }

    public void stopWaiting(KeyId id) {
        waiting.give(id);
        waitingCallers.give(id.subject());
    }
}
