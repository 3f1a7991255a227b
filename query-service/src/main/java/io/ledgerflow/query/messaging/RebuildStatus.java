package io.ledgerflow.query.messaging;

import java.time.Instant;

/**
 * A blue/green rebuild of every projection.
 *
 * @param generation the generation it builds
 * @param state      RUNNING (catching up), SWITCHING (caught up, becoming current), DONE or FAILED
 * @param lag        records of the ledger topic the new generation has still to project; null if unknown
 * @param finishedAt when it became current or failed; null while it runs
 * @param error      why it failed; null otherwise
 */
public record RebuildStatus(String generation, String state, Instant startedAt, Long lag, Instant finishedAt,
                            String error) {
}
