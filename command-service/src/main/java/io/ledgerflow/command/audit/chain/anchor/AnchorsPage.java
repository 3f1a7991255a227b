package io.ledgerflow.command.audit.chain.anchor;

import io.ledgerflow.events.audit.ChainAnchor;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * A page of anchors with the key that verifies them: an auditor saves this JSON as their anchors file.
 *
 * @param keyId     the current signing key's id (an anchor's own {@code keyId} names the key that signed it)
 * @param publicKey the current signing key's public half, PEM (X.509 SubjectPublicKeyInfo)
 */
public record AnchorsPage(String algorithm, String keyId, String publicKey, List<ChainAnchor> items,
                          @Schema(types = {"string", "null"}) String nextCursor) {
}
