package io.ledgerflow.verifier.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.events.audit.AnchorKeys;
import io.ledgerflow.events.audit.ChainAnchor;
import io.ledgerflow.verifier.anchor.AnchorsDocument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** Ed25519 keys and the anchors file an auditor saves from GET /audit/chain/anchors. */
public final class AnchorFiles {

    private AnchorFiles() {
    }

    public static KeyPair newKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ChainAnchor sign(KeyPair key, long position, String headHash) {
        return ChainAnchor.sign(position, headHash, "2025-03-01T10:00:00Z", AnchorKeys.keyId(key.getPublic()),
                key.getPrivate());
    }

    /** The anchors JSON as the service answers it, stating {@code statedKey} as its key. */
    public static Path write(Path directory, KeyPair statedKey, List<ChainAnchor> anchors) throws IOException {
        AnchorsDocument document = new AnchorsDocument("Ed25519", AnchorKeys.keyId(statedKey.getPublic()),
                AnchorKeys.publicKeyPem(statedKey.getPublic()), anchors, null);
        Path file = Files.createTempFile(directory, "anchors-", ".json");
        new ObjectMapper().writeValue(file.toFile(), document);
        return file;
    }

    public static Path writePublicKey(Path directory, KeyPair key) throws IOException {
        Path file = Files.createTempFile(directory, "anchor-key-", ".pem");
        Files.writeString(file, AnchorKeys.publicKeyPem(key.getPublic()));
        return file;
    }
}
