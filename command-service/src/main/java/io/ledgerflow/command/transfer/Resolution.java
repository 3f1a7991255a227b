package io.ledgerflow.command.transfer;

/** What is asked of a pending transfer: exactly one of these ever takes effect. */
public sealed interface Resolution {

    /** @param amount the amount to post, at most the pending amount; null for all of it */
    record PostPending(Long amount) implements Resolution {
    }

    record VoidPending() implements Resolution {
    }

    /** Its timeout passed: sent by {@link PendingExpiryJob}, never by a client. */
    record ExpirePending() implements Resolution {
    }
}
