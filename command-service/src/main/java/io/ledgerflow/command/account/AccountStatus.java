package io.ledgerflow.command.account;

public enum AccountStatus {
    OPEN, FROZEN, CLOSED
}
