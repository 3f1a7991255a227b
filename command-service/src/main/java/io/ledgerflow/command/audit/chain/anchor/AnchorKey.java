package io.ledgerflow.command.audit.chain.anchor;

import io.ledgerflow.events.audit.AnchorKeys;
import io.ledgerflow.events.audit.ChainAnchor;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The Ed25519 key anchors are signed with, and the public half auditors verify them with. */
public record AnchorKey(PrivateKey privateKey, PublicKey publicKey) {

    public String keyId() {
        return AnchorKeys.keyId(publicKey);
    }

    public String publicKeyPem() {
        return AnchorKeys.publicKeyPem(publicKey);
    }

    public ChainAnchor sign(long position, String headHash, Instant at) {
        return ChainAnchor.sign(position, headHash, at.truncatedTo(ChronoUnit.MILLIS).toString(), keyId(), privateKey);
    }
}
