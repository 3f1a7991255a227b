package io.ledgerflow.command.transfer;

import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.transfer.TransferTerms;

/** A transfer, deposit or withdrawal as the rules see it: its id, its terms (settlement side resolved) and who asks. */
public record TransferAttempt(String transferId, TransferTerms terms, Actor actor) {
}
