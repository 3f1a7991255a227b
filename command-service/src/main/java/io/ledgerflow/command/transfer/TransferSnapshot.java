package io.ledgerflow.command.transfer;

import io.ledgerflow.events.transfer.TransferTerms;

import java.time.Instant;

/**
 * @param createdBy      the subject whose command created the transfer
 * @param pending        whether it was asked for as a two-phase transfer (whatever became of it since)
 * @param timeoutSeconds a pending transfer's timeout, or null
 * @param postedAmount   what was posted: the amount of a single-phase transfer, a pending one's posted amount, or 0
 */
public record TransferSnapshot(String id, TransferTerms terms, TransferStatus status, Rejection rejection,
                               Instant createdAt, Instant resolvedAt, String createdBy, boolean pending,
                               Long timeoutSeconds, long postedAmount) {

    /** A single-phase transfer (posted or rejected). */
    public TransferSnapshot(String id, TransferTerms terms, TransferStatus status, Rejection rejection,
                            Instant createdAt, Instant resolvedAt, String createdBy) {
        this(id, terms, status, rejection, createdAt, resolvedAt, createdBy, false, null,
                status == TransferStatus.POSTED ? terms.amount() : 0);
    }

    /** When a pending transfer with a timeout expires; null without one. */
    public Instant expiresAt() {
        return timeoutSeconds == null ? null : createdAt.plusSeconds(timeoutSeconds);
    }
}
