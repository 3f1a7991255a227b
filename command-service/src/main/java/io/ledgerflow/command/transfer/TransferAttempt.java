package io.ledgerflow.command.transfer;

import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.transfer.TransferTerms;

/**
 * A transfer, deposit or withdrawal as the rules see it: its id, its terms (settlement side resolved), who asks, and
 * whether it only reserves the amount (two-phase, with an optional timeout in seconds).
 */
public record TransferAttempt(String transferId, TransferTerms terms, Actor actor, boolean pending,
                              Long timeoutSeconds) {

    /** A single-phase attempt. */
    public TransferAttempt(String transferId, TransferTerms terms, Actor actor) {
        this(transferId, terms, actor, false, null);
    }
}
