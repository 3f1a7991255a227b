package io.ledgerflow.command.transfer;

import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.transfer.TransferTerms;

public record TransferFunds(String transferId, TransferTerms terms, Actor actor) {
}
