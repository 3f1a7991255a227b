package io.ledgerflow.command.transfer;

import io.ledgerflow.command.consistency.AcceptedOutcome;

/** The answer to {@link ResolvePendingTransfer}. */
public sealed interface ResolutionOutcome {

    record Resolved(TransferSnapshot transfer) implements ResolutionOutcome, AcceptedOutcome {
    }

    record Refused(Rejection rejection) implements ResolutionOutcome {
    }

    record NotFound() implements ResolutionOutcome {
    }
}
