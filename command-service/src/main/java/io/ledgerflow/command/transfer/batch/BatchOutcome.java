package io.ledgerflow.command.transfer.batch;

import io.ledgerflow.command.consistency.AcceptedOutcome;
import io.ledgerflow.command.expiry.ExpireFirst;
import io.ledgerflow.command.transfer.Rejection;
import io.ledgerflow.command.transfer.TransferOutcome;
import io.ledgerflow.command.transfer.TransferSnapshot;

import java.util.List;

/** The answer to a batch: every transfer applied (or already applied), or the first item that failed and nothing. */
public sealed interface BatchOutcome {

    /**
     * @param transfers in request order
     * @param created   false when every item had already been applied by an earlier request (a retried batch)
     */
    record Applied(List<TransferSnapshot> transfers, boolean created) implements BatchOutcome, AcceptedOutcome {
    }

    /**
     * A ledger rule refused item {@code index}; nothing was applied and nothing recorded (not sticky).
     *
     * @param recorded true when the item repeats a transfer id rejected before, whose recorded (sticky) rejection
     *                 this is: that item can never pass, whatever the balances
     */
    record ItemRejected(int index, String transferId, Rejection rejection, boolean recorded) implements BatchOutcome {
    }

    /**
     * Item {@code index} names an existing transfer id that it may not repeat: {@link TransferOutcome.IdConflict},
     * {@link TransferOutcome.IdAlreadyFailed} or {@link TransferOutcome.IdTaken}. Nothing was applied.
     */
    record ItemIdRefused(int index, String transferId, TransferOutcome refusal) implements BatchOutcome {
    }

    /**
     * Nothing decided, nothing appended: an item's debit account cannot afford it while these holds on it, past
     * their timeout, still reserve; they are expired and the batch sent again ({@link ExpireFirst}), as a single
     * transfer is.
     */
    record HoldsExpiring(List<String> dueHolds) implements BatchOutcome, ExpireFirst {
    }
}
