package io.ledgerflow.verifier.ledger;

import io.ledgerflow.events.LedgerEvent;

/**
 * One event as the ledger checks see it, whichever source it came from.
 *
 * @param aggregateType {@code account} or {@code transfer}
 * @param event         the decoded event record, or null when it could not be decoded (already reported): it still
 *                      counts for its aggregate's sequence
 */
public record ReplayedEvent(long position, String eventId, String aggregateType, String aggregateId, long sequence,
                            LedgerEvent event) {

    public String aggregate() {
        return aggregateType + "/" + aggregateId;
    }
}
