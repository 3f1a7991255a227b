package io.ledgerflow.command.transfer;

import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.command.consistency.AcceptedOutcome;
import io.ledgerflow.command.consistency.RecordedRefusal;
import io.ledgerflow.command.expiry.ExpireFirst;

import java.util.List;

/** The answer to a transfer command: business outcomes are results, not exceptions, so they never roll back. */
public sealed interface TransferOutcome {

    /**
     * Accepted: posted, or reserved when pending (the snapshot's status says which).
     *
     * @param created false when this id had already been accepted with the same terms
     */
    record Posted(TransferSnapshot transfer, boolean created) implements TransferOutcome, AcceptedOutcome {
    }

    /** A ledger rule refused it, now or on the first attempt with this id (rejections are sticky). */
    record Rejected(TransferSnapshot transfer, boolean firstAttempt) implements TransferOutcome, RecordedRefusal {

        @Override
        public String recordStream() {
            return StreamIds.transfer(transfer.id());
        }
    }

    record IdConflict(List<String> differingFields) implements TransferOutcome {
    }

    /** The id was rejected and is asked for again with other fields: it stays rejected, a new attempt needs a new id. */
    record IdAlreadyFailed(List<String> differingFields, RejectionCode rejectionCode) implements TransferOutcome {
    }

    /**
     * Nothing decided, nothing appended: the debit account cannot afford it while these holds on it, past their
     * timeout, still reserve; they are expired and the command sent again ({@link ExpireFirst}).
     */
    record HoldsExpiring(List<String> dueHolds) implements TransferOutcome, ExpireFirst {
    }

    /** The id belongs to a transfer someone else made: the caller learns nothing about it. */
    record IdTaken() implements TransferOutcome {
    }

    /** The account named in the path of a deposit or withdrawal does not exist (or is not the caller's). */
    record AccountMissing(String accountId) implements TransferOutcome {
    }
}
