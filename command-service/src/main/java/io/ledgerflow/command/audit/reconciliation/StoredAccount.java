package io.ledgerflow.command.audit.reconciliation;

/**
 * One account's stream in the event store, replayed up to the sequence the projection is at.
 *
 * @param lastSequence the stream's last sequence number
 * @param facts        the facts after the event with the requested sequence; null when the stream is shorter
 */
record StoredAccount(String id, long lastSequence, AccountFacts facts) {
}
