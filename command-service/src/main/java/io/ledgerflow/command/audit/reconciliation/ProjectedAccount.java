package io.ledgerflow.command.audit.reconciliation;

/**
 * One account as the query-service shows it. {@code version} is the number of its events applied: the facts
 * are those after the event with sequence {@code version - 1}.
 */
record ProjectedAccount(String id, long version, AccountFacts facts) {
}
