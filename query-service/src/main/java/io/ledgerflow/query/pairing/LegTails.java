package io.ledgerflow.query.pairing;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.envelope.EventEnvelope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leg before each leg, from the accounts' streams as this instance reads them, so that settling a pair seldom
 * looks it up in the balance history. Each account's events come in order from its partition: a leg right after an
 * event seen without a gap since the account's newest leg (or since its opening) follows that leg (or none). What
 * comes after a gap, or again, is not known here. These are facts of the event stream, true in every generation
 * and on every instance; the most used accounts' are kept.
 */
final class LegTails {

    private static final int ACCOUNTS = 16_384;

    /** @param legPair the pair of the newest leg up to {@code seenThrough}; null with {@code known}: none yet */
    private record Tail(long seenThrough, String legPair, boolean known) {
    }

    /** Changed by one batch at a time ({@link #follow}), so a batch's events follow one another. */
    private final Map<String, Tail> tails = Caffeine.newBuilder().maximumSize(ACCOUNTS).<String, Tail>build().asMap();

    /** The newest version of the account this instance has read (0: none kept). */
    long seenThrough(String accountId) {
        Tail tail = tails.get(accountId);
        return tail == null ? 0 : tail.seenThrough();
    }

    /**
     * Takes in a batch's events in the order read; answers, for each leg whose predecessor is known, by its history
     * id, the pair of the leg before it on its account (empty: it is the account's first leg).
     */
    synchronized Map<String, Optional<String>> follow(List<EventEnvelope> envelopes) {
        Map<String, Optional<String>> before = new HashMap<>();
        for (EventEnvelope envelope : envelopes) {
            if (!(envelope.event() instanceof AccountEvent event)) {
                continue;
            }
            long version = envelope.sequence() + 1;
            Optional<Leg> leg = Leg.of(envelope);
            Tail tail = tails.get(event.accountId());
            if (tail != null && tail.seenThrough() >= version) {
                continue;
            }
            boolean follows = tail != null && tail.seenThrough() == version - 1 && tail.known();
            if (follows) {
                leg.ifPresent(it -> before.put(LegDocuments.historyId(it.accountId(), version),
                        Optional.ofNullable(tail.legPair())));
            }
            Tail next;
            if (leg.isPresent()) {
                next = new Tail(version, leg.get().pair(), true);
            } else if (follows) {
                next = new Tail(version, tail.legPair(), true);
            } else {
                // the opening comes first; after a gap, the newest leg is not known until a leg comes
                next = new Tail(version, null, version == 1);
            }
            tails.put(event.accountId(), next);
        }
        return before;
    }
}
