package io.ledgerflow.command.audit.reconciliation;

/**
 * One field on which the projection disagrees with the event store.
 *
 * @param field      a field of the account representation ({@code posted}, {@code status}, …), {@code version} when the
 *                   projection is ahead of the store, or {@code account} when the store has no such account
 * @param eventStore the value replayed from the event store at {@code version}
 * @param projection the value the query-service shows
 * @param version    the account version compared: the projection's {@code version}
 */
public record Difference(String accountId, String field, Object eventStore, Object projection, long version) {
}
