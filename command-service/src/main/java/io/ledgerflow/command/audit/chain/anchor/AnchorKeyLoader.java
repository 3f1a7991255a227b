package io.ledgerflow.command.audit.chain.anchor;

import io.ledgerflow.events.audit.AnchorKeys;
import io.ledgerflow.events.audit.ChainAnchor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.Optional;

/** The signing key from the configuration (PEM text or file), else a throw-away key generated now. */
final class AnchorKeyLoader {

    private static final Logger LOG = LoggerFactory.getLogger(AnchorKeyLoader.class);

    private AnchorKeyLoader() {
    }

    /** Empty only when anchoring is off and no key is configured: nothing to sign, nothing to generate. */
    static Optional<AnchorKey> load(AnchorProperties properties) {
        if (properties.hasPrivateKey() && properties.hasPrivateKeyFile()) {
            throw new IllegalStateException("set ledgerflow.audit.anchors.private-key or .private-key-file, not both");
        }
        if (properties.hasPrivateKey()) {
            return Optional.of(of(AnchorKeys.privateKey(properties.privateKey()), "ledgerflow.audit.anchors.private-key"));
        }
        if (properties.hasPrivateKeyFile()) {
            Path file = Path.of(properties.privateKeyFile());
            return Optional.of(of(AnchorKeys.privateKey(read(file)), file.toString()));
        }
        return properties.enabled() ? Optional.of(generate(properties.generatedKeyDirectory())) : Optional.empty();
    }

    private static AnchorKey of(PrivateKey key, String source) {
        AnchorKey anchorKey = new AnchorKey(key, publicKeyOf(key));
        if (!anchorKey.sign(1, "0".repeat(64), Instant.now()).isSignedBy(anchorKey.publicKey())) {
            throw new IllegalStateException("the anchor key from " + source + " does not verify its own signature");
        }
        LOG.info("audit anchors are signed with Ed25519 key {} from {}", anchorKey.keyId(), source);
        return anchorKey;
    }

    /**
     * The JDK derives an Ed25519 public key only while generating a pair, from 32 random bytes: handing it the
     * private key's own bytes as the "random" ones yields that key's public half.
     */
    static java.security.PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey edKey) || edKey.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        byte[] seed = edKey.getBytes().get();
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        };
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ChainAnchor.ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, fixed);
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ChainAnchor.ALGORITHM, e);
        }
    }

    private static AnchorKey generate(Path directory) {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ChainAnchor.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ChainAnchor.ALGORITHM, e);
        }
        AnchorKey key = new AnchorKey(pair.getPrivate(), pair.getPublic());
        String kept = "";
        if (directory != null) {
            Path file = directory.resolve("anchor-" + key.keyId() + ".pem");
            write(file, AnchorKeys.privateKeyPem(pair.getPrivate()), true);
            write(directory.resolve("anchor-" + key.keyId() + ".pub.pem"), key.publicKeyPem(), false);
            kept = " It was written to " + file + ": set ledgerflow.audit.anchors.private-key-file to it to keep it.";
        }
        LOG.warn("audit anchors: no signing key configured (ledgerflow.audit.anchors.private-key or .private-key-file);"
                + " signing with throw-away key {} generated at start. Anchors signed by a throw-away key prove nothing"
                + " after a restart, since nobody can tell it from a key made up later.{}", key.keyId(), kept);
        return key;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the anchor key file " + file, e);
        }
    }

    private static void write(Path file, String pem, boolean secret) {
        try {
            Files.createDirectories(file.getParent());
            if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // owner-only before the key is in it
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated anchor key to " + file, e);
        }
    }
}
