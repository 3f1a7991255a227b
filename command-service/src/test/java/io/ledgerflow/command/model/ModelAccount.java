package io.ledgerflow.command.model;

import java.math.BigInteger;

import static java.math.BigInteger.ZERO;

/** An account of the reference model: plain mutable fields, balances in exact arithmetic. */
final class ModelAccount {

    final String id;
    final String owner;
    final String currency;
    final boolean system;
    /** The limit it was opened with: a repeated opening is compared with it. */
    final long openingOverdraft;
    String status = "OPEN";
    long overdraft;
    BigInteger posted = ZERO;
    BigInteger pendingDebits = ZERO;
    BigInteger pendingCredits = ZERO;
    /** One more for every change recorded on the account, starting at 1 when it is opened. */
    long version = 1;

    ModelAccount(String id, String owner, String currency, boolean system, long overdraft) {
        this.id = id;
        this.owner = owner;
        this.currency = currency;
        this.system = system;
        this.openingOverdraft = overdraft;
        this.overdraft = overdraft;
    }

    ModelAccount copy() {
        ModelAccount copy = new ModelAccount(id, owner, currency, system, openingOverdraft);
        copy.overdraft = overdraft;
        copy.status = status;
        copy.posted = posted;
        copy.pendingDebits = pendingDebits;
        copy.pendingCredits = pendingCredits;
        copy.version = version;
        return copy;
    }

    BigInteger available() {
        return posted.subtract(pendingDebits).add(BigInteger.valueOf(overdraft));
    }

    boolean empty() {
        return posted.signum() == 0 && pendingDebits.signum() == 0 && pendingCredits.signum() == 0;
    }
}
