package io.ledgerflow.verifier.anchor;

import io.ledgerflow.events.audit.ChainAnchor;

import java.util.List;

/** The saved JSON of {@code GET /api/v1/audit/chain/anchors}: the signing key as the service states it, and its anchors. */
public record AnchorsDocument(String algorithm, String keyId, String publicKey, List<ChainAnchor> items,
                              String nextCursor) {

    public AnchorsDocument {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
