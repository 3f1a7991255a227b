package io.ledgerflow.query.account;

import io.ledgerflow.query.web.ResourceNotFoundException;

public class AccountNotFoundException extends ResourceNotFoundException {

    public AccountNotFoundException(String accountId) {
        super("ACCOUNT_NOT_FOUND", "No account with id '" + accountId + "'");
    }
}
