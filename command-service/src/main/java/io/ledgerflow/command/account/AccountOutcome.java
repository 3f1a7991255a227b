package io.ledgerflow.command.account;

import io.ledgerflow.command.consistency.AcceptedOutcome;

import java.util.List;

/** The answer to {@link OpenAccount}: business outcomes are results, not exceptions, so they never roll back. */
public sealed interface AccountOutcome {

    record Opened(AccountSnapshot account) implements AccountOutcome, AcceptedOutcome {
    }

    /** The same id was opened before with the same fields: nothing changed. */
    record AlreadyOpened(AccountSnapshot account) implements AccountOutcome, AcceptedOutcome {
    }

    record IdConflict(List<String> differingFields) implements AccountOutcome {
    }
}
