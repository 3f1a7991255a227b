package io.ledgerflow.command.audit.balance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A settlement account's balance as one account: its shards' balances summed, as the query side sums them. Its
 * {@code sequence} is one less than the number of events applied over all shards, so {@code sequence + 1} is the
 * version the query side shows for it once it has projected them; {@code position} is the newest of the shards'.
 */
final class SettlementBalance {

    private SettlementBalance() {
    }

    /** {@code shards}: the opened ones, shard order; at least one. */
    static BalanceAsOf sum(String accountId, Instant asOf, List<BalanceAsOf> shards) {
        long posted = 0;
        long pendingDebits = 0;
        long pendingCredits = 0;
        long eventsApplied = 0;
        long position = 0;
        List<BalanceAsOf.Inconsistency> inconsistencies = new ArrayList<>();
        for (BalanceAsOf shard : shards) {
            // plain sums, as the fold's own (an altered store must get an answer, never a 500)
            posted += shard.posted();
            pendingDebits += shard.pendingDebits();
            pendingCredits += shard.pendingCredits();
            eventsApplied += shard.sequence() + 1;
            position = Math.max(position, shard.position());
            inconsistencies.addAll(shard.inconsistencies());
        }
        BalanceAsOf first = shards.get(0);
        return new BalanceAsOf(accountId, asOf, first.currency(), first.status(), first.overdraftLimit(), posted,
                pendingDebits, pendingCredits, posted - pendingDebits + first.overdraftLimit(), eventsApplied - 1,
                position, inconsistencies.isEmpty(), List.copyOf(inconsistencies));
    }
}
