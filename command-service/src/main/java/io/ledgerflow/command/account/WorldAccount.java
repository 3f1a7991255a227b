package io.ledgerflow.command.account;

import io.ledgerflow.events.account.SettlementAccounts;

/**
 * The external settlement account of a currency: the other side of every deposit and withdrawal, kept as
 * {@link SettlementAccounts#SHARDS} shards, each an account of its own ({@link SettlementShards}).
 */
public final class WorldAccount {

    public static final String OWNER = "system";

    private WorldAccount() {
    }

    public static String idFor(String currency) {
        return SettlementAccounts.idFor(currency);
    }

    /** A settlement account or one of its shards. */
    public static boolean isWorld(String accountId) {
        return SettlementAccounts.isSettlement(accountId);
    }

    public static String currencyOf(String accountId) {
        return SettlementAccounts.currencyOf(accountId);
    }
}
