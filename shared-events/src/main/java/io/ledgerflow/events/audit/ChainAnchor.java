package io.ledgerflow.events.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A signed statement that the hash chain's link at {@code position} was {@code headHash} at {@code signedAt}. Kept
 * outside the system, it proves later that no event up to {@code position} has changed since.
 *
 * <p>The signed bytes are {@link #signedContent()}: the UTF-8 text {@code ledgerflow-anchor/v1\n<position>\n<headHash>\n
 * <signedAt>\n}, signed with Ed25519 (pure, RFC 8032), so that {@code openssl pkeyutl -verify -rawin} checks it.
 *
 * @param keyId     identifies the signing key: the first 16 hex digits of the SHA-256 of its public key (X.509 DER)
 * @param signature base64 of the 64-byte Ed25519 signature
 */
public record ChainAnchor(long position, String headHash, String signedAt, String keyId, String signature) {

    public static final String ALGORITHM = "Ed25519";
    /** Kafka topic the anchors are published to, keyed by position. */
    public static final String TOPIC = "ledger.audit-anchors.v1";

    public byte[] signedContent() {
        return content(position, headHash, signedAt);
    }

    public static byte[] content(long position, String headHash, String signedAt) {
        return ("ledgerflow-anchor/v1\n" + position + "\n" + headHash + "\n" + signedAt + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static ChainAnchor sign(long position, String headHash, String signedAt, String keyId, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(content(position, headHash, signedAt));
            return new ChainAnchor(position, headHash, signedAt, keyId,
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an anchor with " + ALGORITHM, e);
        }
    }

    /** True only when the signature is a valid Ed25519 signature of {@link #signedContent()} by {@code key}. */
    public boolean isSignedBy(PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedContent());
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
