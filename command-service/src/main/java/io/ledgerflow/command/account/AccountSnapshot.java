package io.ledgerflow.command.account;

import io.ledgerflow.events.account.Balances;

import java.time.Instant;
import java.util.Map;

/** An account's state at one moment, which the pure rules read (the transfer rules, {@link AccountLifecycle}). */
public record AccountSnapshot(String id, String ownerId, String currency, Integer code, long overdraftLimit,
                             Map<String, String> metadata, boolean system, AccountStatus status,
                             Balances balances, long version, Instant openedAt, Instant updatedAt) {

    public long available() {
        return balances.posted() - balances.pendingDebits() + overdraftLimit;
    }
}
