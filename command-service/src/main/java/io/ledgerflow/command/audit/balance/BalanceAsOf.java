package io.ledgerflow.command.audit.balance;

import java.time.Instant;
import java.util.List;

/**
 * An account's balances replayed from its stored events up to an instant.
 *
 * @param sequence        the sequence number of the last event applied
 * @param position        that event's global position
 * @param consistent      false when a replayed figure differs from what an event carries, or an event could not
 *                        be applied: see {@code inconsistencies} (the event store was altered, or a bug)
 */
public record BalanceAsOf(String accountId, Instant asOf, String currency, String status, long overdraftLimit,
                          long posted, long pendingDebits, long pendingCredits, long available, long sequence,
                          long position, boolean consistent, List<Inconsistency> inconsistencies) {

    BalanceAsOf withAccountId(String id) {
        return new BalanceAsOf(id, asOf, currency, status, overdraftLimit, posted, pendingDebits, pendingCredits,
                available, sequence, position, consistent, inconsistencies);
    }

    /** An event whose carried balances differ from the replay, or that could not be applied. */
    public record Inconsistency(long position, long sequence, String detail) {
    }
}
