package io.ledgerflow.command.transfer;

import io.ledgerflow.events.account.AccountCreditReserved;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferRejected;

/** What {@link TransferRules#decide} decided for a new transfer id: the events to append, all or none. */
public sealed interface TransferDecision {

    /** Both legs, each carrying its account's balances after it, and the transfer's own event. */
    record Post(AccountDebited debit, AccountCredited credit, TransferPosted transfer) implements TransferDecision {
    }

    /** A two-phase transfer: both reservations, each carrying its account's balances after it, and the transfer's event. */
    record Hold(AccountDebitReserved debit, AccountCreditReserved credit, TransferPending transfer)
            implements TransferDecision {
    }

    /** A ledger rule refused it: only the rejection is recorded, which makes it sticky. */
    record Reject(TransferRejected transfer) implements TransferDecision {
    }
}
