package io.ledgerflow.events.transfer;

/** How the transfer was asked for: deposits and withdrawals are transfers against {@code @world:<CUR>}. */
public enum TransferKind {
    TRANSFER, DEPOSIT, WITHDRAWAL
}
