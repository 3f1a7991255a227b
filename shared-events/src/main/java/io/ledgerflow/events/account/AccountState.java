package io.ledgerflow.events.account;

/**
 * An account's status and overdraft limit after an event. Every event that changes either carries both, so a
 * projection can apply "newest sequence wins" to them, as it does to {@link Balances}.
 */
public record AccountState(AccountStatus status, long overdraftLimit) {
}
