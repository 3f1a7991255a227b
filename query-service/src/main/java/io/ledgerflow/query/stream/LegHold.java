package io.ledgerflow.query.stream;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.pairing.Leg;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds a leg back from the live stream until its pair is settled, so that a client that sees a leg and then reads
 * its account finds it there (readers show a leg only once its pair is settled). Bounded: past {@code maxHeld} held
 * legs (a pair whose other leg another instance projects, and settles), the oldest go out unsettled.
 */
final class LegHold {

    private final int maxHeld;
    private final Map<String, List<EventEnvelope>> held = new LinkedHashMap<>();
    /** Pairs settled lately: a leg whose batch is handed over after its pair settled passes at once. */
    private final Map<String, Boolean> settled;
    private int heldCount;

    LegHold(int maxHeld) {
        this.maxHeld = maxHeld;
        this.settled = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > maxHeld;
            }
        };
    }

    /** The events of a projected batch that may go out now, in their order; the others are held. */
    synchronized List<EventEnvelope> passing(List<EventEnvelope> events) {
        List<EventEnvelope> passing = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            Optional<Leg> leg = Leg.of(event);
            if (leg.isEmpty() || settled.containsKey(leg.get().pair())) {
                passing.add(event);
            } else {
                held.computeIfAbsent(leg.get().pair(), pair -> new ArrayList<>(2)).add(event);
                heldCount++;
            }
        }
        while (heldCount > maxHeld) {
            List<EventEnvelope> oldest = held.remove(held.keySet().iterator().next());
            heldCount -= oldest.size();
            passing.addAll(oldest);
        }
        return passing;
    }

    /** The held legs of these pairs, which may go out now; later legs of them pass at once. */
    synchronized List<EventEnvelope> release(Collection<String> pairs) {
        List<EventEnvelope> released = new ArrayList<>();
        for (String pair : pairs) {
            settled.put(pair, Boolean.TRUE);
            List<EventEnvelope> legs = held.remove(pair);
            if (legs != null) {
                heldCount -= legs.size();
                released.addAll(legs);
            }
        }
        return released;
    }

    synchronized int heldCount() {
        return heldCount;
    }
}
