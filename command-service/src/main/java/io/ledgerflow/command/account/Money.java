package io.ledgerflow.command.account;

import io.ledgerflow.events.account.SettlementAccounts;

/**
 * Amounts and customer balances stay within ±(2^53−1) so every number we publish as JSON is exact in any client,
 * JavaScript included. Crossing that bound is {@code AMOUNT_OVERFLOW}, never a wrap.
 * <p>
 * A settlement account goes negative without limit: it is minus the sum of its currency's customer balances. Each of
 * its shards stays within ±{@link #SETTLEMENT_SHARD_MAX}, so their sum is still exact in 64 bits.
 */
public final class Money {

    public static final long MAX = 9_007_199_254_740_991L;
    public static final long SETTLEMENT_SHARD_MAX = Long.MAX_VALUE / SettlementAccounts.SHARDS;

    private Money() {
    }

    public static boolean isValidAmount(long amount) {
        return amount >= 1 && amount <= MAX;
    }

    public static boolean withinBounds(long balance) {
        return balance >= -MAX && balance <= MAX;
    }

    /** {@code balance + change} on a settlement account's shard, or {@code null} when it leaves the shard's bounds. */
    public static Long addToSettlementShard(long balance, long change) {
        long sum = balance + change;
        return Math.abs(balance) <= SETTLEMENT_SHARD_MAX && Math.abs(change) <= SETTLEMENT_SHARD_MAX
                && Math.abs(sum) <= SETTLEMENT_SHARD_MAX ? sum : null;
    }

    /** {@code a + b}, or {@code null} when the result leaves the bounds. */
    public static Long add(long a, long b) {
        long sum = a + b;
        return withinBounds(a) && withinBounds(b) && withinBounds(sum) ? sum : null;
    }
}
