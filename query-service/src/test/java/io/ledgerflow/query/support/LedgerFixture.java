package io.ledgerflow.query.support;

import io.ledgerflow.events.envelope.EventEnvelope;

import java.util.List;

/**
 * A small ledger with three owners, for the access tests: alice, bob and carol each own a USD account, and
 * every kind of transfer is there, so that each one's visibility can be checked from every side.
 */
public final class LedgerFixture {

    public static final String ALICE_ACCOUNT = "alice-usd";
    public static final String BOB_ACCOUNT = "bob-usd";
    public static final String CAROL_ACCOUNT = "carol-usd";
    public static final String SETTLEMENT_ACCOUNT = "@world:USD";
    /** @world:USD → alice. */
    public static final String DEPOSIT_TO_ALICE = "dep-alice";
    public static final String ALICE_TO_BOB = "t-alice-bob";
    /** Neither side is alice's. */
    public static final String BOB_TO_CAROL = "t-bob-carol";
    /** Rejected: carol's attempt, carol → alice; carol reads it, alice does not. */
    public static final String REJECTED_CAROL_TO_ALICE = "t-carol-alice";
    /** carol → @world:USD, the last event. */
    public static final String WITHDRAWAL_BY_CAROL = "wd-carol";
    /** alice's account version once everything is projected: opened, deposit, transfer out. */
    public static final long ALICE_ACCOUNT_VERSION = 3;

    private LedgerFixture() {
    }

    public static List<EventEnvelope> events() {
        LedgerStream stream = new LedgerStream();
        stream.open(ALICE_ACCOUNT, "alice", "USD");
        stream.open(BOB_ACCOUNT, "bob", "USD");
        stream.open(CAROL_ACCOUNT, "carol", "USD");
        stream.deposit(DEPOSIT_TO_ALICE, ALICE_ACCOUNT, 10_000);
        stream.transfer(ALICE_TO_BOB, ALICE_ACCOUNT, BOB_ACCOUNT, 2_500);
        stream.transfer(BOB_TO_CAROL, BOB_ACCOUNT, CAROL_ACCOUNT, 500);
        stream.by("carol").reject(REJECTED_CAROL_TO_ALICE, CAROL_ACCOUNT, ALICE_ACCOUNT, 99_999, "INSUFFICIENT_FUNDS");
        stream.by(LedgerStream.TESTER).withdraw(WITHDRAWAL_BY_CAROL, CAROL_ACCOUNT, 100);
        return stream.all();
    }
}
