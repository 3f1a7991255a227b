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
    AMOUNT_OVERFLOW
}
