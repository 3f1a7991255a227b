package io.ledgerflow.verifier.report;

import io.ledgerflow.verifier.anchor.AnchorCheck.AnchorSummary;
import io.ledgerflow.verifier.ledger.LedgerReplay.LedgerSummary;
import io.ledgerflow.verifier.violation.Violations;

import java.util.List;

/**
 * What one verification found.
 *
 * @param source              what was replayed, e.g. {@code export audit.ndjson} or {@code kafka localhost:9092 topic …}
 * @param notes               what the auditor must know to read the result (a trusted start, a key not supplied, …)
 * @param eventsRead          events read from the source (lines, or records up to the end offsets)
 * @param redeliveriesSkipped exact redeliveries of an event already read (Kafka's at-least-once publishing)
 * @param chain               the hash chain's check, or null for a source without hashes (Kafka)
 * @param anchors             the anchors' check, or null without an anchors file
 */
public record Outcome(String source, List<String> notes, long eventsRead, long redeliveriesSkipped,
                      LedgerSummary ledger, ChainSummary chain, AnchorSummary anchors, Violations violations) {

    public boolean clean() {
        return violations.none();
    }

    /**
     * @param trustedStart the position whose stated hash was trusted as the start (a partial export), or null when
     *                     the chain was checked from GENESIS
     */
    public record ChainSummary(long linksChecked, Long trustedStart, long firstPosition, long lastPosition) {
    }
}
