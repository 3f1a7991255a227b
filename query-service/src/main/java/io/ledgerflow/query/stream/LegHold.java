package io.ledgerflow.query.stream;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.pairing.Leg;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Holds a leg back from the live stream until its pair is settled, so that a client that sees a leg and then reads
 * its account finds it there (readers show a leg only once its pair is settled). Bounded: past {@code maxHeld} held
 * legs (a pair whose other leg another instance projects, and settles), the oldest go out unsettled.
 * <p>
 * Only while someone watches. Under load a leg waits seconds for the other partition's consumer, long enough for the
 * collector to promote it to the old generation, so with nobody watching a leg goes out at once (into a ring that
 * keeps nothing) and only its pair is noted as unsettled. A subscriber that comes meanwhile waits for the pairs
 * noted before it ({@link #awaitSettledBefore}): their legs went out before it came, and once they are settled a read
 * shows them, so the stream and the reads leave no gap between them.
 */
final class LegHold {

    /** A settled pair none of whose legs came by yet. */
    private static final String NO_LEG_YET = "";

    private final int maxHeld;
    private final Map<String, List<EventEnvelope>> held = new LinkedHashMap<>();
    /** Settled pairs with a leg still to come: the account of the leg that came (or {@link #NO_LEG_YET}). */
    private final Map<String, String> settled;
    /** Pairs with a leg that went out unheld, not settled yet, in the order noted. */
    private final Map<String, Unheld> unheld;
    private long nextTicket;
    private int heldCount;

    LegHold(int maxHeld) {
        this.maxHeld = maxHeld;
        this.settled = bounded(maxHeld);
        this.unheld = bounded(maxHeld);
    }

    /**
     * The events of a projected batch that may go out now, in their order; the others are held.
     *
     * @param watched whether the stream keeps what goes out now (a subscriber is attached, or may resume)
     */
    synchronized List<EventEnvelope> passing(List<EventEnvelope> events, boolean watched) {
        List<EventEnvelope> passing = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            Optional<Leg> leg = Leg.of(event);
            if (leg.isEmpty()) {
                passing.add(event);
            } else if (settled.containsKey(leg.get().pair())) {
                passing.add(event);
                cameBy(leg.get());
            } else if (!watched) {
                passing.add(event);
                noteUnheld(leg.get());
            } else {
                held.computeIfAbsent(leg.get().pair(), pair -> new ArrayList<>(2)).add(streamed(event));
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
        boolean noted = false;
        for (String pair : pairs) {
            Unheld wentOut = unheld.remove(pair);
            noted |= wentOut != null;
            List<EventEnvelope> legs = held.remove(pair);
            Set<String> legsCame = new HashSet<>(2);
            if (wentOut != null) {
                legsCame.addAll(wentOut.accounts());
            }
            if (legs != null) {
                legs.forEach(leg -> legsCame.add(leg.event().aggregateId()));
            }
            if (legsCame.isEmpty()) {
                settled.put(pair, NO_LEG_YET);
            } else if (legsCame.size() == 1) {
                settled.put(pair, legsCame.iterator().next());
            }
            if (legs != null) {
                heldCount -= legs.size();
                released.addAll(legs);
            }
        }
        if (noted) {
            notifyAll();
        }
        return released;
    }

    /** The ticket the next pair noted unheld gets: what a subscriber coming now waits to see settled is below it. */
    synchronized long nextTicket() {
        return nextTicket;
    }

    /**
     * Waits until every pair noted unheld before {@code ticket} is settled (or past the bound, forgotten). Those still
     * unsettled after {@code timeoutNanos} are forgotten too (a pair whose other leg another instance projects, or a
     * leg dead-lettered), so that they hold up one subscriber only.
     *
     * @return false if some were still unsettled after {@code timeoutNanos}
     */
    synchronized boolean awaitSettledBefore(long ticket, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!unheld.isEmpty() && unheld.values().iterator().next().ticket() < ticket) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                unheld.values().removeIf(noted -> noted.ticket() < ticket);
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized int heldCount() {
        return heldCount;
    }

    /** Settled pairs whose legs did not all come by yet. */
    synchronized int settledCount() {
        return settled.size();
    }

    /** Pairs with a leg that went out unheld and that are not settled yet. */
    synchronized int unheldCount() {
        return unheld.size();
    }

    /** Re-noting a pair keeps its place (and ticket): the map is in insertion order. */
    private void noteUnheld(Leg leg) {
        Unheld noted = unheld.get(leg.pair());
        if (noted == null) {
            unheld.put(leg.pair(), new Unheld(nextTicket++, leg.accountId(), null));
        } else if (noted.other() == null && !noted.first().equals(leg.accountId())) {
            unheld.put(leg.pair(), new Unheld(noted.ticket(), noted.first(), leg.accountId()));
        }
    }

    /** A pair with a leg that went out unheld: the accounts whose legs did (the second null until it comes). */
    private record Unheld(long ticket, String first, String other) {

        List<String> accounts() {
            return other == null ? List.of(first) : List.of(first, other);
        }
    }

    /** A leg of a settled pair came by: once the other account's has too, the pair need not be remembered. */
    private void cameBy(Leg leg) {
        String before = settled.get(leg.pair());
        if (before.equals(NO_LEG_YET)) {
            settled.put(leg.pair(), leg.accountId());
        } else if (!before.equals(leg.accountId())) {
            settled.remove(leg.pair());
        } // else the same leg again (published twice): the other is still to come
    }

    /** The event without the metadata the stream does not send (its command's principal, client, correlation). */
    private static EventEnvelope streamed(EventEnvelope event) {
        return new EventEnvelope(event.id(), event.time(), event.position(), event.sequence(), null, null, null, null,
                event.event());
    }

    /** Insertion-ordered, the eldest entries dropped past {@code max}. */
    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
