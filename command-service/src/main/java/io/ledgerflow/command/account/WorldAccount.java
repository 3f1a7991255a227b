package io.ledgerflow.command.account;

/** The external settlement account of a currency: the other side of every deposit and withdrawal. */
public final class WorldAccount {

    public static final String OWNER = "system";
    private static final String PREFIX = "@world:";

    private WorldAccount() {
    }

    public static String idFor(String currency) {
        return PREFIX + currency;
    }

    public static boolean isWorld(String accountId) {
        return accountId.startsWith(PREFIX);
    }

    public static String currencyOf(String accountId) {
        return accountId.substring(PREFIX.length());
    }
}
