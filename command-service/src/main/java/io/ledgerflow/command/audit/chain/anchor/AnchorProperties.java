package io.ledgerflow.command.audit.chain.anchor;

import io.ledgerflow.events.audit.ChainAnchor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param enabled          sign and publish anchors at all
 * @param interval         how often the head is signed (when it moved) and unpublished anchors are sent
 * @param privateKey       the Ed25519 signing key as PEM text (PKCS#8, as {@code openssl genpkey -algorithm ed25519} writes it)
 * @param privateKeyFile   or a file holding it; with neither, a throw-away key is generated at start
 * @param generatedKeyDir  where a generated key is written (PEM), so that it can be configured for the next start
 * @param topic            the Kafka topic anchors are published to, keyed by position
 * @param sendTimeout      how long one publication waits for the broker's acknowledgement
 */
@ConfigurationProperties("ledgerflow.audit.anchors")
public record AnchorProperties(@DefaultValue("true") boolean enabled,
                               @DefaultValue("1m") Duration interval,
                               String privateKey,
                               String privateKeyFile,
                               String generatedKeyDir,
                               @DefaultValue(ChainAnchor.TOPIC) String topic,
                               @DefaultValue("10s") Duration sendTimeout) {

    boolean hasPrivateKey() {
        return privateKey != null && !privateKey.isBlank();
    }

    boolean hasPrivateKeyFile() {
        return privateKeyFile != null && !privateKeyFile.isBlank();
    }

    /** Where a generated key is written, if anywhere. */
    Path generatedKeyDirectory() {
        return generatedKeyDir == null || generatedKeyDir.isBlank() ? null : Path.of(generatedKeyDir);
    }
}
