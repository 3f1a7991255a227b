package io.ledgerflow.command.account;

public enum AccountStatus {
    OPEN, FROZEN, CLOSED;

    static AccountStatus of(io.ledgerflow.events.account.AccountStatus published) {
        return valueOf(published.name());
    }

    io.ledgerflow.events.account.AccountStatus published() {
        return io.ledgerflow.events.account.AccountStatus.valueOf(name());
    }
}
