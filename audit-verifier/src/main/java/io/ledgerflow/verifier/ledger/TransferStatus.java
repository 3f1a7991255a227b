package io.ledgerflow.verifier.ledger;

/** What became of a transfer, as its events tell. */
public enum TransferStatus { POSTED, PENDING, REJECTED, VOIDED, EXPIRED }
