package io.ledgerflow.command.transfer;

import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.transfer.TransferTerms;

/** @param pending reserve only (two-phase), with an optional {@code timeoutSeconds} */
public record TransferFunds(String transferId, TransferTerms terms, Actor actor, boolean pending, Long timeoutSeconds) {

    public TransferFunds(String transferId, TransferTerms terms, Actor actor) {
        this(transferId, terms, actor, false, null);
    }
}
