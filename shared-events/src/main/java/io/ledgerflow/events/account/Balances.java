package io.ledgerflow.events.account;

/**
 * An account's balances after an event. Every balance-changing event carries the complete result, so a
 * projection can apply "newest sequence wins" and stay correct under redelivery and replay.
 */
public record Balances(long posted, long pendingDebits, long pendingCredits) {

    public static final Balances ZERO = new Balances(0, 0, 0);
}
