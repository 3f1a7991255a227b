package io.ledgerflow.verifier.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.events.audit.HashChain;
import io.ledgerflow.events.envelope.CloudEventCodec;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.envelope.EventTypes;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A history as the audit export and as the Kafka publisher would show it, and ways to tamper with an export. */
public final class Exports {

    private static final ObjectMapper PAYLOADS = CloudEventCodec.defaultMapper();
    /** The export's own writer: a plain ObjectMapper. */
    private static final ObjectMapper LINES = new ObjectMapper();

    private Exports() {
    }

    /** Every event as one export line, hash-chained from GENESIS. */
    public static List<AuditedEvent> export(LedgerHistory history) {
        List<AuditedEvent> lines = new ArrayList<>();
        for (StoredEvent stored : history.events()) {
            lines.add(audited(stored));
        }
        return rehash(lines);
    }

    public static AuditedEvent audited(StoredEvent stored) {
        ObjectNode metadata = LINES.createObjectNode()
                .put("principal", "auditor-test").put("clientId", "test-client")
                .put("correlationId", stored.correlationId()).put("causationId", stored.correlationId());
        return new AuditedEvent(stored.position(), stored.eventId(), EventTypes.typeOf(stored.event().getClass()), "1",
                stored.event().aggregateType(), stored.event().aggregateId(), stored.sequence(),
                stored.time().toString(), "auditor-test", "test-client", stored.correlationId(),
                stored.correlationId(), PAYLOADS.valueToTree(stored.event()), metadata, null);
    }

    /** The chain recomputed over the lines as they are: what someone who rewrote history and its hashes would ship. */
    public static List<AuditedEvent> rehash(List<AuditedEvent> lines) {
        List<AuditedEvent> linked = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (AuditedEvent line : lines) {
            String hash = HashChain.link(previous, line);
            linked.add(line.withHash(hash));
            previous = hash;
        }
        return linked;
    }

    /** The line with a payload changed by {@code change}, its stated hash kept. */
    public static AuditedEvent withPayload(AuditedEvent line, Consumer<ObjectNode> change) {
        ObjectNode payload = line.payload().deepCopy();
        change.accept(payload);
        return new AuditedEvent(line.position(), line.eventId(), line.type(), line.revision(), line.aggregateType(),
                line.aggregateId(), line.sequence(), line.timestamp(), line.principal(), line.clientId(),
                line.correlationId(), line.causationId(), payload, line.metadata(), line.hash());
    }

    public static String ndjson(List<AuditedEvent> lines) {
        StringBuilder text = new StringBuilder();
        for (AuditedEvent line : lines) {
            try {
                text.append(LINES.writeValueAsString(line)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return text.toString();
    }

    public static BufferedReader reader(List<AuditedEvent> lines) {
        return new BufferedReader(new StringReader(ndjson(lines)));
    }

    public static EventEnvelope envelope(StoredEvent stored) {
        return new EventEnvelope(stored.eventId(), stored.time(), stored.position(), stored.sequence(),
                stored.correlationId(), stored.correlationId(), "auditor-test", "test-client", stored.event());
    }

    public static List<EventEnvelope> envelopes(LedgerHistory history) {
        return history.events().stream().map(Exports::envelope).toList();
    }

    public static JsonNode payloadOf(Object event) {
        return PAYLOADS.valueToTree(event);
    }
}
