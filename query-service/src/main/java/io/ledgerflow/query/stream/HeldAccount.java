package io.ledgerflow.query.stream;

import io.ledgerflow.events.envelope.EventEnvelope;

import java.util.ArrayDeque;

/**
 * One account's events held back from the live stream, in the order they came (its sequence order): its first is
 * always a leg whose pair is not known settled, so everything behind it waits, and the account's events go out in
 * order.
 */
final class HeldAccount {

    private final ArrayDeque<Held> events = new ArrayDeque<>();
    /** The account's legs up to this sequence are settled: a settled pair's earlier legs on its accounts are too. */
    private long settledThrough = -1;

    /** @return whether it was the only one, now the first */
    boolean add(Held held) {
        events.addLast(held);
        return events.size() == 1;
    }

    void settledThrough(long sequence) {
        settledThrough = Math.max(settledThrough, sequence);
    }

    /** The first held event, if it may go out now. */
    Held releasable() {
        Held first = events.peekFirst();
        return first != null && (first.settled || first.event.sequence() <= settledThrough) ? first : null;
    }

    Held first() {
        return events.peekFirst();
    }

    Held removeFirst() {
        return events.removeFirst();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /**
     * One held event.
     *
     * @param arrival when it came, counting every held event: the oldest goes out first past the bound
     * @param pair    its leg's pair; null for an event that is no leg
     */
    static final class Held {

        final long arrival;
        final EventEnvelope event;
        final String accountId;
        final String pair;
        /** It may go out once it is first: not a leg, or a leg whose pair is settled. */
        boolean settled;

        Held(long arrival, EventEnvelope event, String accountId, String pair, boolean settled) {
            this.arrival = arrival;
            this.event = event;
            this.accountId = accountId;
            this.pair = pair;
            this.settled = settled;
        }

        boolean isUnsettledLeg() {
            return pair != null && !settled;
        }
    }
}
