package io.ledgerflow.query.entries;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.messaging.EventProjection;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import org.bson.Document;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.eq;
import static io.ledgerflow.query.mongo.BsonReads.toDate;

/**
 * One statement entry per posting. The id is derived from the event (account id and aggregate sequence), and the
 * document only from the event, so writing it again is a no-op: redelivery and replay leave it identical.
 */
@Component
public class EntryProjection implements EventProjection {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> entries;

    public EntryProjection(ProjectionCollections collections) {
        this.entries = collections.entries();
    }

    @Override
    public boolean handles(LedgerEvent event) {
        return event instanceof AccountDebited || event instanceof AccountCredited;
    }

    @Override
    public void apply(EventEnvelope envelope) {
        if (envelope.event() instanceof AccountDebited debited) {
            write(debited.accountId(), debited.transferId(), "DEBIT", debited.amount(), debited.balances(), envelope);
        } else if (envelope.event() instanceof AccountCredited credited) {
            write(credited.accountId(), credited.transferId(), "CREDIT", credited.amount(), credited.balances(),
                    envelope);
        }
    }

    private void write(String accountId, String transferId, String kind, long amount, Balances balances,
                       EventEnvelope envelope) {
        String id = idOf(accountId, envelope.sequence());
        Document entry = new Document("_id", id)
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
        try {
            entries.replaceOne(eq("_id", id), entry, UPSERT);
        } catch (MongoWriteException e) {
            if (!VersionGuard.isDuplicateKey(e)) {
                throw e;
            }
            // a concurrent writer inserted the same entry first: the content is identical
        }
    }

    static String idOf(String accountId, long sequence) {
        return accountId + "#" + sequence;
    }
}
