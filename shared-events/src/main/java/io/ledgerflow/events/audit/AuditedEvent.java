package io.ledgerflow.events.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One stored event as the audit API shows it and as one line of an NDJSON export carries it. Everything the hash
 * chain covers is here, so a holder of an export can recompute the chain without access to the event store.
 *
 * @param position      the event's global position in the event store (increasing, with gaps)
 * @param type          the published type, e.g. {@code io.ledgerflow.account.AccountDebited.v1}; for a stored type
 *                      the published language does not know, {@code unknown:<stored type>}
 * @param aggregateType {@code account} or {@code transfer}
 * @param timestamp     the event's timestamp exactly as stored (ISO-8601)
 * @param payload       the event record as JSON; a stored payload that is not JSON appears as a JSON string
 * @param metadata      the stored metadata: principal, clientId, correlationId, causationId
 * @param hash          the chain link at this position (hex SHA-256), or null while the chain has not reached it
 */
public record AuditedEvent(long position, String eventId, String type, String revision, String aggregateType,
                           String aggregateId, long sequence, String timestamp, String principal, String clientId,
                           String correlationId, String causationId, JsonNode payload, JsonNode metadata,
                           String hash) {

    public AuditedEvent withHash(String chainHash) {
        return new AuditedEvent(position, eventId, type, revision, aggregateType, aggregateId, sequence, timestamp,
                principal, clientId, correlationId, causationId, payload, metadata, chainHash);
    }
}
