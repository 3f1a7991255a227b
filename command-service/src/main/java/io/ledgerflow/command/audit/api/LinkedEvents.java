package io.ledgerflow.command.audit.api;

import io.ledgerflow.command.audit.StoredEvents;
import io.ledgerflow.command.audit.chain.ChainLinks;
import io.ledgerflow.events.audit.AuditedEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The stored events with their chain links. The global stream serves only what the chain has linked: below the
 * chain head no event can still appear (the chain passes a hole only once no transaction can fill it), so a reader
 * paging with {@code after} never misses an event that commits late with a lower position.
 */
@Component
public class LinkedEvents {

    /** Events read per transaction by an export, and then written: the links of a chunk are one query. */
    static final int EXPORT_CHUNK = 500;

    private final StoredEvents events;
    private final ChainLinks links;
    private final TransactionTemplate readOnly;

    public LinkedEvents(StoredEvents events, ChainLinks links, PlatformTransactionManager transactions) {
        this.events = events;
        this.links = links;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** At most {@code limit} linked events after {@code after}, in global order, each with its link. */
    public List<AuditedEvent> page(long after, int limit) {
        long head = links.head().position();
        List<AuditedEvent> page = new ArrayList<>(Math.min(limit, 1024));
        events.forEachInRange(after, head, limit, page::add);
        return withLinks(page);
    }

    /**
     * Hands every linked event after {@code after} (at most {@code limit}) to {@code action}, in global order, each
     * with its link, a chunk at a time. Each chunk is read in a short read-only transaction and handed over after it
     * ended: the action writes to a client, and a client that reads slowly (or stalls) must not keep a database
     * session idle in a transaction, which PostgreSQL ends after {@code idle_in_transaction_session_timeout}, cutting
     * the export off. Only one chunk is held in memory, whatever the range. The range ends at the chain head as it
     * is now.
     */
    public void export(long after, long limit, Consumer<AuditedEvent> action) {
        long head = links.head().position();
        long from = after;
        long left = limit;
        while (left > 0 && from < head) {
            int chunk = (int) Math.min(left, EXPORT_CHUNK);
            List<AuditedEvent> batch = new ArrayList<>(chunk);
            long start = from;
            readOnly.executeWithoutResult(status -> events.forEachInRange(start, head, chunk, batch::add));
            withLinks(batch).forEach(action);
            if (batch.size() < chunk) {
                return;
            }
            from = batch.get(batch.size() - 1).position();
            left -= batch.size();
        }
    }

    /**
     * At most {@code limit} of one aggregate's events after {@code afterSequence} (-1: from the first), in sequence
     * order ({@code streamId} e.g. {@code account/a-1}), linked or not yet.
     */
    public List<AuditedEvent> ofStream(String streamId, long afterSequence, int limit) {
        return withLinks(events.ofStream(streamId, afterSequence, limit));
    }

    private List<AuditedEvent> withLinks(List<AuditedEvent> unlinked) {
        Map<Long, String> hashes = links.of(unlinked.stream().map(AuditedEvent::position).toList());
        return unlinked.stream().map(event -> event.withHash(hashes.get(event.position()))).toList();
    }
}
