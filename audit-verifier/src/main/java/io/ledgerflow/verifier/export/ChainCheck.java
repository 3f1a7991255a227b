package io.ledgerflow.verifier.export;

import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.events.audit.HashChain;
import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes the hash chain over an export's lines. Each line's hash must be {@code HashChain.link(previous line's
 * hash, event)}; after a broken link the next line is checked against the hash the broken one states, so that one
 * altered event reports one broken link. Separately, the chain is recomputed from its start without ever taking a
 * stated hash: that is what anchors are compared with, so a rewritten chain cannot hide a change before an anchor.
 * <p>
 * The first line must link from {@link HashChain#GENESIS}. When it does not, the export is taken to start after the
 * beginning of history (a partial export): its first link cannot be checked, and its first hash is trusted as the
 * start — unless the export was declared to be complete, when that is a broken link.
 */
final class ChainCheck {

    private final Set<Long> watched;
    private final boolean mustStartAtGenesis;
    private final Violations violations;
    private final Map<Long, String> recomputedAt = new HashMap<>();
    private String stated;
    private String recomputed;
    private long linksChecked;
    private Long trustedStart;

    /** @param watched positions whose recomputed hash is kept (the anchors') */
    ChainCheck(Set<Long> watched, boolean mustStartAtGenesis, Violations violations) {
        this.watched = watched;
        this.mustStartAtGenesis = mustStartAtGenesis;
        this.violations = violations;
    }

    void accept(AuditedEvent line) {
        boolean first = stated == null;
        if (first) {
            boolean fromGenesis = HashChain.link(HashChain.GENESIS, line).equals(line.hash());
            if (!fromGenesis && !mustStartAtGenesis && HashChain.isLink(line.hash())) {
                trustedStart = line.position();
                stated = line.hash();
                recomputed = line.hash();
                keep(line.position());
                return;
            }
            stated = HashChain.GENESIS;
            recomputed = HashChain.GENESIS;
        }
        String expected = HashChain.link(stated, line);
        linksChecked++;
        if (!expected.equals(line.hash())) {
            violations.report(ViolationKind.BROKEN_LINK, line.position(), line.aggregateType() + "/"
                    + line.aggregateId(), (line.hash() == null ? "the line has no hash" : "the line's hash is "
                    + line.hash()) + ", link(" + (first ? "GENESIS" : "previous") + ", event) is " + expected);
        }
        recomputed = recomputed.equals(stated) ? expected : HashChain.link(recomputed, line);
        stated = HashChain.isLink(line.hash()) ? line.hash() : expected;
        keep(line.position());
    }

    private void keep(long position) {
        if (watched.contains(position)) {
            recomputedAt.put(position, recomputed);
        }
    }

    Map<Long, String> recomputedAt() {
        return recomputedAt;
    }

    long linksChecked() {
        return linksChecked;
    }

    /** The position whose stated hash was trusted as the start (a partial export), or null. */
    Long trustedStart() {
        return trustedStart;
    }
}
