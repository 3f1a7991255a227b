package io.ledgerflow.command.transfer;

import io.ledgerflow.events.transfer.TransferTerms;

import java.time.Instant;

/** @param createdBy the subject whose command created the transfer */
public record TransferSnapshot(String id, TransferTerms terms, TransferStatus status, Rejection rejection,
                               Instant createdAt, Instant resolvedAt, String createdBy) {

    public long postedAmount() {
        return status == TransferStatus.POSTED ? terms.amount() : 0;
    }
}
