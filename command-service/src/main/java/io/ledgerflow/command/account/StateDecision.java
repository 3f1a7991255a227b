package io.ledgerflow.command.account;

import io.ledgerflow.events.account.AccountStateEvent;

/** What {@link AccountLifecycle} decided: record an event, change nothing (the account is already there), or refuse. */
sealed interface StateDecision {

    record Record(AccountStateEvent event) implements StateDecision {
    }

    record Keep() implements StateDecision {
    }

    record Refuse(StateRefusal code, String detail) implements StateDecision {
    }
}
