package io.ledgerflow.events.audit;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
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
        writeCanonical(event, new DigestOutputStream(OutputStream.nullOutputStream(), sha256));
        return HEX.formatHex(sha256.digest());
    }

    public static byte[] canonical(AuditedEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        writeCanonical(event, out);
        return out.toByteArray();
    }

    /** The covered members in name order, written as {@link CanonicalJson} would write them as one object. */
    private static void writeCanonical(AuditedEvent event, OutputStream out) {
        try (JsonGenerator json = CanonicalJson.generator(out)) {
            json.writeStartObject();
            json.writeStringField("aggregateId", event.aggregateId());
            json.writeStringField("aggregateType", event.aggregateType());
            json.writeStringField("eventId", event.eventId());
            json.writeFieldName("metadata");
            CanonicalJson.write(event.metadata(), json);
            json.writeFieldName("payload");
            CanonicalJson.write(event.payload(), json);
            json.writeNumberField("position", event.position());
            json.writeStringField("revision", event.revision());
            json.writeNumberField("sequence", event.sequence());
            json.writeStringField("timestamp", event.timestamp());
            json.writeStringField("type", event.type());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode event " + event.eventId(), e);
        }
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
