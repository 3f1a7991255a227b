package io.ledgerflow.command.transfer;

import io.ledgerflow.events.transfer.TransferTerms;

import java.time.Instant;

public record TransferSnapshot(String id, TransferTerms terms, TransferStatus status, Rejection rejection,
                               Instant createdAt, Instant resolvedAt) {

    public long postedAmount() {
        return status == TransferStatus.POSTED ? terms.amount() : 0;
    }
}
