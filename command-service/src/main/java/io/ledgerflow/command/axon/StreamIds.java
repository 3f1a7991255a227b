package io.ledgerflow.command.axon;

/**
 * Where an aggregate's events live in the event store. Account ids and transfer ids are separate namespaces, so
 * one string may name both an account and a transfer; the store's aggregate identifier carries the namespace.
 * {@code /} cannot occur in a ledger id, so no id of one kind can reach the other's streams.
 */
public final class StreamIds {

    public static final String ACCOUNT_PREFIX = "account/";
    public static final String TRANSFER_PREFIX = "transfer/";

    private StreamIds() {
    }

    public static String account(String accountId) {
        return ACCOUNT_PREFIX + accountId;
    }

    public static String transfer(String transferId) {
        return TRANSFER_PREFIX + transferId;
    }
}
