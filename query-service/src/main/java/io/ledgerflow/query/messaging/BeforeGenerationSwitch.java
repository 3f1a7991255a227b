package io.ledgerflow.query.messaging;

/**
 * Work a rebuilt generation needs before it becomes current, beyond replaying the ledger topic (for example the
 * dead letters an admin re-applied, which are not on it).
 */
public interface BeforeGenerationSwitch {

    /** Runs on the rebuild's own thread; a failure fails the rebuild. */
    void prepare(String generation);
}
