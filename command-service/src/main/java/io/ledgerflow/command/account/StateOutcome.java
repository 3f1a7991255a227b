package io.ledgerflow.command.account;

import io.ledgerflow.command.consistency.AcceptedOutcome;

/** The answer to an {@link AccountStateCommand}: business outcomes are results, not exceptions. */
public sealed interface StateOutcome {

    /** An event was recorded; the account as it stands after it. */
    record Changed(AccountSnapshot account) implements StateOutcome, AcceptedOutcome {
    }

    /** The account already was where the command leads: nothing recorded. */
    record Unchanged(AccountSnapshot account) implements StateOutcome, AcceptedOutcome {
    }

    record Refused(StateRefusal code, String detail) implements StateOutcome {
    }

    /** The command's {@code If-Match} names none of the account's versions: nothing recorded. */
    record VersionMismatch(long version) implements StateOutcome {
    }

    /** No such account, or a settlement account, which no operator action addresses. */
    record NotFound(String accountId) implements StateOutcome {
    }
}
