package io.ledgerflow.command.account;

/** The answer to an {@link AccountStateCommand}: business outcomes are results, not exceptions. */
public sealed interface StateOutcome {

    /** An event was recorded; the account as it stands after it. */
    record Changed(AccountSnapshot account) implements StateOutcome {
    }

    /** The account already was where the command leads: nothing recorded. */
    record Unchanged(AccountSnapshot account) implements StateOutcome {
    }

    record Refused(StateRefusal code, String detail) implements StateOutcome {
    }

    /** No such account, or a settlement account, which no operator action addresses. */
    record NotFound(String accountId) implements StateOutcome {
    }
}
