package io.ledgerflow.command.transfer;

/** The answer to {@link ResolvePendingTransfer}. */
public sealed interface ResolutionOutcome {

    record Resolved(TransferSnapshot transfer) implements ResolutionOutcome {
    }

    record Refused(Rejection rejection) implements ResolutionOutcome {
    }

    record NotFound() implements ResolutionOutcome {
    }
}
