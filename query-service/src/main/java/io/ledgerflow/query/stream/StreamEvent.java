package io.ledgerflow.query.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerflow.events.ClientText;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.events.envelope.CloudEventCodec;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.transfer.TransferEvent;

import java.util.List;

/**
 * One projected event as the stream sends it. Creating one costs the consumer thread next to nothing: its SSE frame
 * is rendered by the first subscriber that sends it, once, and shared by all.
 *
 * @param sequence this process's stream sequence, from 1
 * @param id       the SSE id: {@code <instance>-<sequence>}
 */
record StreamEvent(long sequence, String id, EventEnvelope envelope, List<String> accountIds, Frame frame) {

    /** The wire JSON of the events themselves, as the topic carries it. */
    private static final ObjectMapper JSON = CloudEventCodec.defaultMapper();

    static StreamEvent of(long sequence, String instance, EventEnvelope envelope) {
        return new StreamEvent(sequence, instance + "-" + sequence, envelope, accountIdsOf(envelope.event()),
                new Frame());
    }

    /**
     * What this event takes in memory, kept and once rendered, roughly: a kilobyte of fixed parts, and 8 bytes a
     * character of the texts clients choose (metadata and reference), held as objects and again as frame text, where
     * a character above U+FFFF is escaped to 12.
     */
    long estimatedBytes() {
        long chars = 0;
        LedgerEvent event = envelope.event();
        if (event instanceof AccountOpened opened) {
            chars = ClientText.chars(opened.metadata());
        }
        if (event instanceof TransferEvent transfer) {
            chars = ClientText.chars(transfer.terms().metadata(), transfer.terms().reference());
        }
        return 1024 + 8 * chars;
    }

    /** The event's simple name, e.g. {@code TransferPosted}: its SSE event type. */
    String type() {
        return envelope.event().getClass().getSimpleName();
    }

    /** {@code account} or {@code transfer}. */
    String aggregateType() {
        return envelope.event().aggregateType();
    }

    /** {@code id:}, {@code event:} and one {@code data:} line, and the blank line that ends the event. */
    String text() {
        return frame.text(this);
    }

    /** A settlement account's shard's event names the shard and the settlement account it belongs to. */
    private static List<String> accountIdsOf(LedgerEvent event) {
        if (event instanceof AccountEvent account) {
            String belongsTo = SettlementAccounts.accountOf(account.accountId());
            return belongsTo.equals(account.accountId()) ? List.of(belongsTo) : List.of(account.accountId(), belongsTo);
        }
        if (event instanceof TransferEvent transfer) {
            return List.of(transfer.terms().debitAccountId(), transfer.terms().creditAccountId());
        }
        return List.of();
    }

    private String render() {
        JsonNode event = JSON.valueToTree(envelope.event());
        JsonNode transferId = event.path("transferId");
        ObjectNode data = JSON.createObjectNode()
                .put("type", type())
                .put("position", envelope.position())
                .put("sequence", envelope.sequence())
                .put("at", envelope.time().toString());
        accountIds.forEach(data.putArray("accountIds")::add);
        data.put("transferId", transferId.isTextual() ? transferId.asText() : null);
        data.set("event", event);
        try {
            // Jackson escapes line breaks inside strings: the data is one line, as SSE needs
            return "id: " + id + "\nevent: " + type() + "\ndata: " + JSON.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + envelope.id(), e);
        }
    }

    /** The rendered frame, computed at most a few times (racing subscribers render equal text). */
    static final class Frame {

        private volatile String text;

        String text(StreamEvent event) {
            String rendered = text;
            if (rendered == null) {
                rendered = event.render();
                text = rendered;
            }
            return rendered;
        }
    }
}
