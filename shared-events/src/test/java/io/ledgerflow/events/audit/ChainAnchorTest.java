package io.ledgerflow.events.audit;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class ChainAnchorTest {

    @Test
    void an_anchor_verifies_with_its_key_and_with_nothing_else() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance(ChainAnchor.ALGORITHM).generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance(ChainAnchor.ALGORITHM).generateKeyPair();
        String head = "ab".repeat(32);

        ChainAnchor anchor = ChainAnchor.sign(42, head, "2026-12-01T10:00:00Z", AnchorKeys.keyId(keys.getPublic()),
                keys.getPrivate());

        assertThat(anchor.isSignedBy(keys.getPublic())).isTrue();
        assertThat(anchor.isSignedBy(other.getPublic())).isFalse();
        assertThat(new ChainAnchor(43, head, anchor.signedAt(), anchor.keyId(), anchor.signature())
                .isSignedBy(keys.getPublic())).isFalse();
        assertThat(new ChainAnchor(42, "cd".repeat(32), anchor.signedAt(), anchor.keyId(), anchor.signature())
                .isSignedBy(keys.getPublic())).isFalse();
        assertThat(new ChainAnchor(42, head, anchor.signedAt(), anchor.keyId(), "bm90IGEgc2lnbmF0dXJl")
                .isSignedBy(keys.getPublic())).isFalse();
    }

    @Test
    void keys_survive_their_pem_encoding() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance(ChainAnchor.ALGORITHM).generateKeyPair();
        ChainAnchor anchor = ChainAnchor.sign(1, "00".repeat(32), "2026-12-01T10:00:00Z", "k",
                AnchorKeys.privateKey(AnchorKeys.privateKeyPem(keys.getPrivate())));

        assertThat(anchor.isSignedBy(AnchorKeys.publicKey(AnchorKeys.publicKeyPem(keys.getPublic())))).isTrue();
        assertThat(AnchorKeys.publicKeyPem(keys.getPublic())).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(AnchorKeys.keyId(keys.getPublic())).hasSize(16);
    }
}
