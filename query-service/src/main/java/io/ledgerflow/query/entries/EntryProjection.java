package io.ledgerflow.query.entries;

import com.mongodb.client.model.InsertOneModel;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.messaging.EventProjection;
import io.ledgerflow.query.mongo.Bulk;
import io.ledgerflow.query.mongo.GuardedWrite;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.ledgerflow.query.mongo.BsonReads.toDate;

/**
 * One statement entry per posting. The id is derived from the event (account id and aggregate sequence), and the
 * document only from the event, so an entry once written never changes: each is inserted, and an insert refused as
 * a duplicate key (redelivery, replay, a concurrent writer) leaves the same document. An insert is cheaper than an
 * upsert, which first looks for a document to replace. So a batch's entries go in one unordered bulk, each once.
 */
// first: readers judge a projection up to date by the accounts' and transfers' versions (consistency tokens,
// ETags), so the entries an event makes must be written before the versions that say it was applied
@Order(1)
@Component
public class EntryProjection implements EventProjection {

    private final ProjectionCollections collections;

    public EntryProjection(ProjectionCollections collections) {
        this.collections = collections;
    }

    @Override
    public boolean handles(LedgerEvent event) {
        return event instanceof AccountDebited || event instanceof AccountCredited;
    }

    @Override
    public List<Bulk> writesFor(List<EventEnvelope> envelopes) {
        Map<String, Document> byId = new LinkedHashMap<>();
        for (EventEnvelope envelope : envelopes) {
            Document entry = entryOf(envelope);
            byId.put(entry.getString("_id"), entry);
        }
        List<GuardedWrite> writes = byId.values().stream()
                .map(entry -> GuardedWrite.of(new InsertOneModel<>(entry)))
                .toList();
        return List.of(Bulk.inAnyOrder(collections.entries(), writes));
    }

    private static Document entryOf(EventEnvelope envelope) {
        if (envelope.event() instanceof AccountDebited debited) {
            return entry(debited.accountId(), debited.transferId(), "DEBIT", debited.amount(), debited.balances(),
                    envelope);
        }
        if (envelope.event() instanceof AccountCredited credited) {
            return entry(credited.accountId(), credited.transferId(), "CREDIT", credited.amount(),
                    credited.balances(), envelope);
        }
        throw new IllegalArgumentException("not a posting: " + envelope.type());
    }

    private static Document entry(String accountId, String transferId, String kind, long amount, Balances balances,
                                  EventEnvelope envelope) {
        return new Document("_id", idOf(accountId, envelope.sequence()))
                .append("accountId", accountId)
                .append("transferId", transferId)
                .append("kind", kind)
                .append("amount", amount)
                .append("balanceAfter", balances.posted())
                .append("pending", false)
                .append("at", toDate(envelope.time()))
                .append("position", envelope.position())
                .append("sequence", envelope.sequence())
                .append("eventId", envelope.id());
    }

    static String idOf(String accountId, long sequence) {
        return accountId + "#" + sequence;
    }
}
