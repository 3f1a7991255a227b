package io.ledgerflow.command.account;

import java.util.List;

/** The answer to {@link OpenAccount}: business outcomes are results, not exceptions, so they never roll back. */
public sealed interface AccountOutcome {

    record Opened(AccountSnapshot account) implements AccountOutcome {
    }

    /** The same id was opened before with the same fields: nothing changed. */
    record AlreadyOpened(AccountSnapshot account) implements AccountOutcome {
    }

    record IdConflict(List<String> differingFields) implements AccountOutcome {
    }
}
