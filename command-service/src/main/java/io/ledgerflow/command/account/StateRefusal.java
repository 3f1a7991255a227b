package io.ledgerflow.command.account;

/** Ledger rules that refuse a change of an account's status or overdraft limit (HTTP 422). Stable names. */
public enum StateRefusal {
    ACCOUNT_CLOSED,
    ACCOUNT_FROZEN,
    ACCOUNT_NOT_EMPTY,
    INSUFFICIENT_FUNDS
}
