package io.ledgerflow.command.account;

import io.ledgerflow.command.transfer.Rejection;
import io.ledgerflow.command.transfer.RejectionCode;
import io.ledgerflow.events.account.Balances;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** An account's state at one moment, with the ledger rules for moving money in and out of it. */
public record AccountSnapshot(String id, String ownerId, String currency, Integer code, long overdraftLimit,
                             Map<String, String> metadata, boolean system, AccountStatus status,
                             Balances balances, long version, Instant openedAt, Instant updatedAt) {

    public long available() {
        return balances.posted() - balances.pendingDebits() + overdraftLimit;
    }

    public Optional<Rejection> checkDebit(long amount) {
        if (status == AccountStatus.CLOSED) {
            return Rejection.of(RejectionCode.ACCOUNT_CLOSED, "account " + id + " is closed");
        }
        if (status == AccountStatus.FROZEN) {
            return Rejection.of(RejectionCode.ACCOUNT_FROZEN, "account " + id + " is frozen");
        }
        if (Money.add(balances.posted(), -amount) == null) {
            return Rejection.of(RejectionCode.AMOUNT_OVERFLOW, "debiting " + amount + " would overflow account " + id);
        }
        if (!system && amount > available()) {
            return Rejection.of(RejectionCode.INSUFFICIENT_FUNDS,
                    "account " + id + " has " + available() + " available, " + amount + " needed");
        }
        return Optional.empty();
    }

    public Optional<Rejection> checkCredit(long amount) {
        if (status == AccountStatus.CLOSED) {
            return Rejection.of(RejectionCode.ACCOUNT_CLOSED, "account " + id + " is closed");
        }
        if (Money.add(balances.posted(), amount) == null) {
            return Rejection.of(RejectionCode.AMOUNT_OVERFLOW, "crediting " + amount + " would overflow account " + id);
        }
        return Optional.empty();
    }

    /** Only after {@link #checkDebit} passed. */
    public Balances afterDebit(long amount) {
        return new Balances(balances.posted() - amount, balances.pendingDebits(), balances.pendingCredits());
    }

    /** Only after {@link #checkCredit} passed. */
    public Balances afterCredit(long amount) {
        return new Balances(balances.posted() + amount, balances.pendingDebits(), balances.pendingCredits());
    }
}
