package io.ledgerflow.command.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ledgerflow.command.axon.LedgerCorrelationData;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.events.envelope.EventTypes;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One {@code domainevententry} row as an {@link AuditedEvent} (without its chain link). */
@Component
public class StoredEventMapper {

    /** Strict, so that a damaged row never reads as the JSON it once was (trailing bytes, a duplicated member). */
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public AuditedEvent toAudited(ResultSet row) throws SQLException {
        String streamId = row.getString("aggregateidentifier");
        int slash = streamId.indexOf('/');
        String aggregateType = slash < 0 ? "unknown" : streamId.substring(0, slash);
        String aggregateId = slash < 0 ? streamId : streamId.substring(slash + 1);
        String storedType = row.getString("payloadtype");
        JsonNode metadata = parse(row.getBytes("metadata"));
        return new AuditedEvent(row.getLong("globalindex"), row.getString("eventidentifier"),
                EventTypes.typeOfClassName(storedType).orElse("unknown:" + storedType),
                row.getString("payloadrevision"), aggregateType, aggregateId, row.getLong("sequencenumber"),
                row.getString("timestamp"),
                text(metadata, LedgerCorrelationData.PRINCIPAL), text(metadata, LedgerCorrelationData.CLIENT_ID),
                text(metadata, LedgerCorrelationData.CORRELATION_ID), text(metadata, LedgerCorrelationData.CAUSATION_ID),
                parse(row.getBytes("payload")), metadata, null);
    }

    /** Stored JSON as a tree; bytes that are not JSON (a damaged row) as a JSON string, so the chain still covers them. */
    private JsonNode parse(byte[] stored) {
        if (stored == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            JsonNode tree = json.readTree(stored);
            return tree == null ? JsonNodeFactory.instance.textNode("") : tree;
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(new String(stored, StandardCharsets.UTF_8));
        }
    }

    private static String text(JsonNode metadata, String field) {
        JsonNode value = metadata.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
