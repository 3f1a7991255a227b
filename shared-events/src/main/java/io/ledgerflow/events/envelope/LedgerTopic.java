package io.ledgerflow.events.envelope;

/** The one topic of the published language. Keyed by aggregate id; kept forever. */
public final class LedgerTopic {

    public static final String NAME = "ledger.events.v1";
    public static final String DEAD_LETTER = NAME + ".dlt";
    public static final int DEFAULT_PARTITIONS = 12;

    private LedgerTopic() {
    }
}
