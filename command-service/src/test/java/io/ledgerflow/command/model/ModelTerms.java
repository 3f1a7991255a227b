package io.ledgerflow.command.model;

/** What a transfer request asks for: equal terms (and pending, timeout) make a repeat. */
record ModelTerms(String kind, String debit, String credit, long amount, String currency, String reference) {
}
