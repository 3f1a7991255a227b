package io.ledgerflow.command.security;

import io.ledgerflow.command.account.WorldAccount;

/**
 * Who a command acts for, as far as the ledger rules care: operators act on any account, clients only on
 * accounts they own, and never on a settlement account ({@code @world:<CUR>}, owned by {@value WorldAccount#OWNER}),
 * even if an issuer names a client {@value WorldAccount#OWNER}.
 */
public record Actor(String subject, boolean operator) {

    public boolean mayUse(String accountOwnerId) {
        return operator || (subject.equals(accountOwnerId) && !WorldAccount.OWNER.equals(accountOwnerId));
    }
}
