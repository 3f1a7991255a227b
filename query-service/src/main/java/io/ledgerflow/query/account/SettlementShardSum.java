package io.ledgerflow.query.account;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A settlement account ({@code @world:<CUR>}) as one account: its shards' balances summed, its version the sum of
 * theirs (so it only grows, and an {@code ETag} of it changes whenever any shard does), opened with its first shard
 * and updated with its latest.
 */
final class SettlementShardSum {

    private SettlementShardSum() {
    }

    static AccountView of(String accountId, List<AccountView> shards) {
        long posted = 0;
        long pendingDebits = 0;
        long pendingCredits = 0;
        long version = 0;
        for (AccountView shard : shards) {
            posted = Math.addExact(posted, shard.posted());
            pendingDebits = Math.addExact(pendingDebits, shard.pendingDebits());
            pendingCredits = Math.addExact(pendingCredits, shard.pendingCredits());
            version += shard.version();
        }
        AccountView first = shards.get(0);
        Instant openedAt = shards.stream().map(AccountView::openedAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        Instant updatedAt = shards.stream().map(AccountView::updatedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return new AccountView(accountId, first.ownerId(), first.currency(), first.code(), first.status(),
                first.overdraftLimit(), posted, pendingDebits, pendingCredits,
                posted - pendingDebits + first.overdraftLimit(), version, Map.of(), openedAt, updatedAt);
    }
}
