package io.ledgerflow.command.transfer.batch;

import io.ledgerflow.events.transfer.TransferTerms;

/**
 * One transfer of a batch: its id and terms, and whether it only reserves the amount (two-phase, with an optional
 * timeout in seconds), as a single transfer would carry them.
 */
public record BatchItem(String transferId, TransferTerms terms, boolean pending, Long timeoutSeconds) {

    /** A single-phase item. */
    public BatchItem(String transferId, TransferTerms terms) {
        this(transferId, terms, false, null);
    }
}
