package io.ledgerflow.events.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit hash chain: link(n) = SHA-256(link(n-1) as 32 bytes || canonical(event n)), over every stored event in
 * global order, starting from {@link #GENESIS}. The canonical encoding of an event is the {@link CanonicalJson} of
 * {@code {aggregateId, aggregateType, eventId, metadata, payload, position, revision, sequence, timestamp, type}}.
 */
public final class HashChain {

    /** The link before the first event: 32 zero bytes. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {
    }

    public static String link(String previousLink, AuditedEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(HEX.parseHex(previousLink));
        sha256.update(canonical(event));
        return HEX.formatHex(sha256.digest());
    }

    public static byte[] canonical(AuditedEvent event) {
        ObjectNode covered = JsonNodeFactory.instance.objectNode()
                .put("aggregateId", event.aggregateId())
                .put("aggregateType", event.aggregateType())
                .put("eventId", event.eventId())
                .put("position", event.position())
                .put("revision", event.revision())
                .put("sequence", event.sequence())
                .put("timestamp", event.timestamp())
                .put("type", event.type());
        covered.set("metadata", event.metadata());
        covered.set("payload", event.payload());
        return CanonicalJson.encode(covered);
    }

    public static boolean isLink(String value) {
        return value != null && value.length() == 64 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0
                && !Character.isUpperCase(c));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
