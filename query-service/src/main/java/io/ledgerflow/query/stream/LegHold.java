package io.ledgerflow.query.stream;

import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.pairing.Leg;
import io.ledgerflow.query.stream.HeldAccount.Held;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Holds a leg back from the live stream until its pair is settled, so that a client that sees a leg and then reads
 * its account finds it there (readers show a leg only once its pair is settled). An account's events behind a held
 * leg wait with it, so that one account's events go out in their order (pairs settle on several consumers' threads,
 * a later pair's notice may come first). A settled pair has every earlier leg of both its accounts settled, so it
 * releases those too. Bounded: past {@code maxHeld} held events (a pair whose other leg another instance projects,
 * and settles), the oldest go out, unsettled legs included, each account's still in order.
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
    /** The accounts with events held, by account id. */
    private final Map<String, HeldAccount> accounts = new HashMap<>();
    /** The same accounts, by the arrival of their first held event: the first is the oldest held. */
    private final TreeMap<Long, HeldAccount> byOldest = new TreeMap<>();
    /** The held legs of each pair not known settled. */
    private final Map<String, List<Held>> heldLegs = new HashMap<>();
    /** Settled pairs with a leg still to come: the account of the leg that came (or {@link #NO_LEG_YET}). */
    private final Map<String, String> settled;
    /** Pairs with a leg that went out unheld, not settled yet, in the order noted. */
    private final Map<String, Unheld> unheld;
    private long nextTicket;
    private long arrivals;
    private int heldCount;

    LegHold(int maxHeld) {
        this.maxHeld = maxHeld;
        this.settled = bounded(maxHeld);
        this.unheld = bounded(maxHeld);
    }

    /**
     * The events that may go out now, those of a projected batch and the held ones they release, each account's in
     * their order; the others are held.
     *
     * @param watched whether the stream keeps what goes out now (a subscriber is attached, or may resume)
     */
    synchronized List<EventEnvelope> passing(List<EventEnvelope> events, boolean watched) {
        List<EventEnvelope> passing = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            String accountId = event.event() instanceof AccountEvent accountEvent ? accountEvent.accountId() : null;
            Optional<Leg> leg = Leg.of(event);
            boolean behind = accountId != null && accounts.containsKey(accountId);
            if (leg.isEmpty()) {
                if (behind) {
                    hold(event, accountId, null, true);
                } else {
                    passing.add(event);
                }
            } else if (settled.containsKey(leg.get().pair())) {
                cameBy(leg.get());
                if (behind) {
                    hold(event, accountId, leg.get().pair(), true);
                    release(new LinkedHashSet<>(List.of(accountId)), passing);
                } else {
                    passing.add(event);
                }
            } else if (!watched && !behind) {
                passing.add(event);
                noteUnheld(leg.get());
            } else {
                hold(event, accountId, leg.get().pair(), false);
            }
        }
        while (heldCount > maxHeld) {
            HeldAccount oldest = byOldest.firstEntry().getValue();
            Held first = removeFirst(oldest);
            forget(first);
            passing.add(first.event);
            release(new LinkedHashSet<>(List.of(first.accountId)), passing);
        }
        return passing;
    }

    /** The held events these settled pairs release, each account's in their order; later legs of them pass at once. */
    synchronized List<EventEnvelope> release(Collection<String> pairs) {
        Set<String> accountsToRelease = new LinkedHashSet<>();
        pairs.forEach(pair -> settle(pair, accountsToRelease));
        List<EventEnvelope> released = new ArrayList<>();
        release(accountsToRelease, released);
        return released;
    }

    /** Marks a pair settled: its held legs may go out, and their accounts' earlier legs, once first. */
    private void settle(String pair, Set<String> accountsToRelease) {
        Unheld wentOut = unheld.remove(pair);
        if (wentOut != null) {
            notifyAll(); // a subscriber may wait for it (awaitSettledBefore)
        }
        List<Held> legs = heldLegs.remove(pair);
        Set<String> legsCame = new HashSet<>(2);
        if (wentOut != null) {
            legsCame.addAll(wentOut.accounts());
        }
        if (legs != null) {
            for (Held leg : legs) {
                leg.settled = true;
                legsCame.add(leg.accountId);
                accounts.get(leg.accountId).settledThrough(leg.event.sequence());
                accountsToRelease.add(leg.accountId);
            }
        }
        if (legsCame.isEmpty()) {
            settled.put(pair, NO_LEG_YET);
        } else if (legsCame.size() == 1) {
            settled.put(pair, legsCame.iterator().next());
        }
    }

    /**
     * Sends out, account by account, each one's held events up to its first that must still wait. A leg that goes
     * out because a later one of its account is settled has its pair settled too, which may release other accounts.
     */
    private void release(Set<String> accountsToRelease, List<EventEnvelope> out) {
        while (!accountsToRelease.isEmpty()) {
            String accountId = accountsToRelease.iterator().next();
            accountsToRelease.remove(accountId);
            HeldAccount account = accounts.get(accountId);
            Held first;
            while (account != null && (first = account.releasable()) != null) {
                if (first.isUnsettledLeg()) {
                    settle(first.pair, accountsToRelease);
                }
                removeFirst(account);
                out.add(first.event);
                account = accounts.get(accountId);
            }
        }
    }

    private void hold(EventEnvelope event, String accountId, String pair, boolean settledLeg) {
        Held held = new Held(arrivals++, streamed(event), accountId, pair, pair == null || settledLeg);
        HeldAccount account = accounts.computeIfAbsent(accountId, id -> new HeldAccount());
        if (account.add(held)) {
            byOldest.put(held.arrival, account);
        }
        heldCount++;
        if (held.isUnsettledLeg()) {
            heldLegs.computeIfAbsent(pair, id -> new ArrayList<>(2)).add(held);
        } else if (pair != null) {
            account.settledThrough(event.sequence());
        }
    }

    /** Takes an account's first held event; an account left with none is forgotten. */
    private Held removeFirst(HeldAccount account) {
        Held first = account.removeFirst();
        heldCount--;
        byOldest.remove(first.arrival);
        if (account.isEmpty()) {
            accounts.remove(first.accountId);
        } else {
            byOldest.put(account.first().arrival, account);
        }
        return first;
    }

    /** A leg that went out unsettled: its pair no longer holds it. */
    private void forget(Held leg) {
        if (leg.isUnsettledLeg()) {
            List<Held> legs = heldLegs.get(leg.pair);
            legs.remove(leg);
            if (legs.isEmpty()) {
                heldLegs.remove(leg.pair);
            }
        }
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
