package io.ledgerflow.command.transfer;

/** PENDING is the only status that changes again: to POSTED, VOIDED or EXPIRED, exactly once. */
public enum TransferStatus {
    PENDING, POSTED, VOIDED, EXPIRED, REJECTED
}
