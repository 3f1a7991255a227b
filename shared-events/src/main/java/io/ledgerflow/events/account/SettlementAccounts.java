package io.ledgerflow.events.account;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The settlement account of a currency, {@code @world:<CUR>}, the other side of every deposit and withdrawal, is
 * kept as {@link #SHARDS} accounts of the ledger: shard 0 is {@code @world:<CUR>} itself and shard k is
 * {@code @world:<CUR>:k}. Each shard is an account with its own event stream, balances and lock, so deposits and
 * withdrawals of one currency do not queue on one lock. The settlement account's balance is the sum of its shards';
 * every leg names the shard it was posted to, and a transfer's terms name {@code @world:<CUR>}.
 * <p>
 * No client-chosen id can start with {@code @}, so no customer account can be mistaken for a shard.
 */
public final class SettlementAccounts {

    /** Shards per currency. Part of the stored data's meaning: readers sum exactly these. */
    public static final int SHARDS = 8;

    private static final String PREFIX = "@world:";
    private static final String SHARD_ZERO_SUFFIX = ":0";

    private SettlementAccounts() {
    }

    /** {@code @world:<CUR>}, the settlement account as the API names it (and its shard 0). */
    public static String idFor(String currency) {
        return PREFIX + currency;
    }

    /** The id of one shard: {@code @world:<CUR>} for 0, {@code @world:<CUR>:k} otherwise. */
    public static String shardId(String currency, int shard) {
        if (shard < 0 || shard >= SHARDS) {
            throw new IllegalArgumentException("shard " + shard + " is not in [0, " + SHARDS + ")");
        }
        return shard == 0 ? idFor(currency) : idFor(currency) + ":" + shard;
    }

    /**
     * The id that reads one shard alone from the projections: {@code @world:<CUR>:0} for shard 0, whose stored id
     * {@code @world:<CUR>} reads the sum of all shards, and the shard's own id for the others.
     */
    public static String readAloneId(String currency, int shard) {
        return shard == 0 ? idFor(currency) + SHARD_ZERO_SUFFIX : shardId(currency, shard);
    }

    /** Whether the id is {@code @world:<CUR>:0}, the way shard 0 is read alone. */
    public static boolean isShardZeroReadAlone(String accountId) {
        return isSettlement(accountId) && accountId.equals(readAloneId(currencyOf(accountId), 0));
    }

    /** The id an account is stored under: {@code @world:<CUR>} for {@code @world:<CUR>:0}, any other id itself. */
    public static String storedIdOf(String accountId) {
        return isShardZeroReadAlone(accountId) ? idFor(currencyOf(accountId)) : accountId;
    }

    /** Every shard of the currency's settlement account, shard 0 first. */
    public static List<String> shardIds(String currency) {
        return IntStream.range(0, SHARDS).mapToObj(shard -> shardId(currency, shard)).toList();
    }

    /** Whether the id names a settlement account or one of its shards. */
    public static boolean isSettlement(String accountId) {
        return accountId.startsWith(PREFIX);
    }

    /** Whether the id names a settlement account as the API does, not one of its shards 1 and up. */
    public static boolean isSettlementAccount(String accountId) {
        return isSettlement(accountId) && accountId.indexOf(':', PREFIX.length()) < 0;
    }

    /** The currency of a settlement account or of one of its shards. */
    public static String currencyOf(String accountId) {
        if (!isSettlement(accountId)) {
            throw new IllegalArgumentException(accountId + " is not a settlement account");
        }
        int shardSeparator = accountId.indexOf(':', PREFIX.length());
        return shardSeparator < 0 ? accountId.substring(PREFIX.length())
                : accountId.substring(PREFIX.length(), shardSeparator);
    }

    /**
     * The account a leg on this id counts for: the settlement account {@code @world:<CUR>} for any of its shards,
     * the id itself for every other account.
     */
    public static String accountOf(String accountId) {
        return isSettlement(accountId) ? idFor(currencyOf(accountId)) : accountId;
    }

    /** The shard number of a shard id, empty for an id that is not one of a settlement account's shards. */
    public static Optional<Integer> shardOf(String accountId) {
        if (!isSettlement(accountId)) {
            return Optional.empty();
        }
        String currency = currencyOf(accountId);
        for (int shard = 0; shard < SHARDS; shard++) {
            if (shardId(currency, shard).equals(accountId)) {
                return Optional.of(shard);
            }
        }
        return Optional.empty();
    }
}
