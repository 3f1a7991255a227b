package io.ledgerflow.events.account;

/** OPEN: everything allowed. FROZEN: no debits and no new holds, credits still land. CLOSED: nothing. */
public enum AccountStatus {
    OPEN, FROZEN, CLOSED
}
