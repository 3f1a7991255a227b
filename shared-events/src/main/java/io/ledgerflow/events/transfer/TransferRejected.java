package io.ledgerflow.events.transfer;

import io.ledgerflow.events.Revision;

/** A ledger rule refused the transfer. The id stays rejected: a retry gets the same answer. */
@Revision("1")
public record TransferRejected(String transferId, TransferTerms terms, String rejectionCode, String detail)
        implements TransferEvent {
}
