package io.ledgerflow.command.transfer.batch;

import io.ledgerflow.events.transfer.TransferTerms;

/** One transfer of a batch: its id and terms, as a single transfer would carry them. */
public record BatchItem(String transferId, TransferTerms terms) {
}
