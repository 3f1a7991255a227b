package io.ledgerflow.command.transfer;

public enum TransferStatus {
    POSTED, REJECTED
}
