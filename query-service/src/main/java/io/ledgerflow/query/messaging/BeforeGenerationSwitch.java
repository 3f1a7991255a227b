package io.ledgerflow.query.messaging;

/**
 * Work a rebuilt generation needs before it becomes current, beyond replaying the ledger topic (for example the
 * dead letters an admin re-applied, which the rebuild may not have been able to project).
 */
public interface BeforeGenerationSwitch {

    /**
     * Runs on the rebuild's own thread; a failure fails the rebuild.
     *
     * @param replayed what the rebuild projected from the ledger topic
     */
    void prepare(String generation, Replayed replayed);

    interface Replayed {

        /** Whether the rebuild projected the record at that place itself (not skipped as poison, not beyond it). */
        boolean projected(String topic, int partition, long offset);
    }
}
