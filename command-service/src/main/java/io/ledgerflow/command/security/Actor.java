package io.ledgerflow.command.security;

/**
 * Who a command acts for, as far as the ledger rules care: operators act on any account, clients only on
 * accounts they own.
 */
public record Actor(String subject, boolean operator) {

    public boolean mayUse(String accountOwnerId) {
        return operator || subject.equals(accountOwnerId);
    }
}
