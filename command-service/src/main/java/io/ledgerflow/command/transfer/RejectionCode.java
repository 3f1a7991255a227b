package io.ledgerflow.command.transfer;

/** Ledger rules that refuse a transfer (HTTP 422). Stable names: they are part of the API. */
public enum RejectionCode {
    ACCOUNT_NOT_FOUND,
    ACCOUNT_FROZEN,
    ACCOUNT_CLOSED,
    INSUFFICIENT_FUNDS,
    CURRENCY_MISMATCH,
    SAME_ACCOUNT,
    INVALID_AMOUNT,
    AMOUNT_OVERFLOW,
    TRANSFER_NOT_PENDING,
    TRANSFER_ALREADY_POSTED,
    TRANSFER_ALREADY_VOIDED,
    TRANSFER_EXPIRED,
    POST_AMOUNT_EXCEEDS_PENDING
}
