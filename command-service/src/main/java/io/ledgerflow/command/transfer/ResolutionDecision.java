package io.ledgerflow.command.transfer;

import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.transfer.TransferEvent;

/** What {@link TransferRules#decideResolution} decided for a pending transfer. */
public sealed interface ResolutionDecision {

    /**
     * @param debit    the debit account's event (posted or released), carrying its balances after it
     * @param credit   the credit account's event, likewise
     * @param transfer the transfer's resolution
     */
    record Resolve(AccountEvent debit, AccountEvent credit, TransferEvent transfer) implements ResolutionDecision {
    }

    /** Not pending (any more), or the amount is too large: nothing is appended. */
    record Refuse(Rejection rejection) implements ResolutionDecision {
    }

    /** No such transfer, or not the caller's: no leak of its existence. */
    record NotFound() implements ResolutionDecision {
    }
}
