package io.ledgerflow.query.dashboard;

import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferVoided;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one transfer event changes in its currency's totals, read from the event alone: each transfer event implies
 * the status it leaves behind and the one it came from (a resolution only ever resolves a pending transfer), and
 * carries the whole transfer's terms.
 *
 * @param totals   increments of the totals document's fields
 * @param posted   the amount that moved, for the volume: 0 if the event moved no money
 */
record TransferChange(Map<String, Long> totals, long posted) {

    static final String POSTED = "posted";
    static final String PENDING = "pending";
    static final String TRANSFERS = "transfers";

    static TransferChange of(TransferEvent event) {
        return event.accept(new Changes());
    }

    boolean moves() {
        return posted > 0;
    }

    static String transfers(String status) {
        return TRANSFERS + "." + status;
    }

    private static final class Changes implements TransferEvent.Visitor<TransferChange> {

        @Override
        public TransferChange posted(TransferPosted event) {
            long amount = event.terms().amount();
            return new TransferChange(Map.of(transfers("POSTED"), 1L, POSTED, amount), amount);
        }

        @Override
        public TransferChange rejected(TransferRejected event) {
            return new TransferChange(Map.of(transfers("REJECTED"), 1L), 0);
        }

        @Override
        public TransferChange pending(TransferPending event) {
            return new TransferChange(Map.of(transfers("PENDING"), 1L, PENDING, event.terms().amount()), 0);
        }

        @Override
        public TransferChange pendingPosted(TransferPendingPosted event) {
            Map<String, Long> totals = resolved(event, "POSTED");
            totals.put(POSTED, event.amount());
            return new TransferChange(totals, event.amount());
        }

        @Override
        public TransferChange voided(TransferVoided event) {
            return new TransferChange(resolved(event, "VOIDED"), 0);
        }

        @Override
        public TransferChange expired(TransferExpired event) {
            return new TransferChange(resolved(event, "EXPIRED"), 0);
        }

        /** Out of PENDING, with the amount it held. */
        private static Map<String, Long> resolved(TransferEvent event, String status) {
            Map<String, Long> totals = new LinkedHashMap<>();
            totals.put(transfers("PENDING"), -1L);
            totals.put(PENDING, -event.terms().amount());
            totals.put(transfers(status), 1L);
            return totals;
        }
    }
}
