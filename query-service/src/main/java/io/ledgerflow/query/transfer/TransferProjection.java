package io.ledgerflow.query.transfer;

import com.mongodb.client.MongoCollection;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferVoided;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferTerms;
import io.ledgerflow.query.messaging.EventProjection;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.Date;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static io.ledgerflow.query.mongo.BsonReads.toDate;
import static io.ledgerflow.query.mongo.BsonReads.toDocument;

/** One document per transfer id, guarded by the transfer's aggregate sequence like accounts. */
@Component
public class TransferProjection implements EventProjection {

    private final MongoCollection<Document> transfers;

    public TransferProjection(ProjectionCollections collections) {
        this.transfers = collections.transfers();
    }

    @Override
    public boolean handles(LedgerEvent event) {
        return event instanceof TransferEvent;
    }

    @Override
    public void apply(EventEnvelope envelope) {
        ((TransferEvent) envelope.event()).accept(new Outcomes(envelope));
    }

    /** The document an event leaves; the compiler keeps it exhaustive over {@link TransferEvent}. */
    private final class Outcomes implements TransferEvent.Visitor<Void> {

        private final EventEnvelope envelope;

        Outcomes(EventEnvelope envelope) {
            this.envelope = envelope;
        }

        @Override
        public Void posted(TransferPosted posted) {
            Date at = toDate(envelope.time());
            apply(posted, envelope, false, null, combine(set("status", "POSTED"),
                    set("postedAmount", posted.terms().amount()), set("rejectionCode", null),
                    set("rejectionDetail", null), set("resolvedAt", at)));
            return null;
        }

        @Override
        public Void rejected(TransferRejected rejected) {
            Date at = toDate(envelope.time());
            // a refused hold shows as the hold that was asked for
            apply(rejected, envelope, rejected.pending(), rejected.timeoutSeconds(), combine(set("status", "REJECTED"),
                    set("postedAmount", 0L), set("rejectionCode", rejected.rejectionCode()),
                    set("rejectionDetail", rejected.detail()), set("resolvedAt", at)));
            return null;
        }

        @Override
        public Void pending(TransferPending pending) {
            Bson changes = combine(terms(pending.terms()), set("pending", true),
                    set("timeoutSeconds", pending.timeoutSeconds()), set("createdAt", toDate(envelope.time())),
                    set("position", envelope.position()), set("status", "PENDING"), set("postedAmount", 0L),
                    set("rejectionCode", null), set("rejectionDetail", null), set("resolvedAt", null));
            VersionGuard.applyIfNewer(transfers, pending.transferId(), envelope.sequence() + 1, changes);
            return null;
        }

        @Override
        public Void pendingPosted(TransferPendingPosted posted) {
            resolve(posted, envelope, "POSTED", posted.amount());
            return null;
        }

        @Override
        public Void voided(TransferVoided voided) {
            resolve(voided, envelope, "VOIDED", 0);
            return null;
        }

        @Override
        public Void expired(TransferExpired expired) {
            resolve(expired, envelope, "EXPIRED", 0);
            return null;
        }
    }

    /** A pending transfer's resolution: its status, posted amount and time; its terms and creation stay. */
    private void resolve(TransferEvent event, EventEnvelope envelope, String status, long postedAmount) {
        Bson changes = combine(terms(event.terms()), set("pending", true), set("position", envelope.position()),
                set("status", status), set("postedAmount", postedAmount), set("resolvedAt", toDate(envelope.time())));
        VersionGuard.applyIfNewer(transfers, event.transferId(), envelope.sequence() + 1, changes);
    }

    private void apply(TransferEvent event, EventEnvelope envelope, boolean pending, Long timeoutSeconds, Bson outcome) {
        Bson changes = combine(terms(event.terms()), set("pending", pending), set("timeoutSeconds", timeoutSeconds),
                set("createdAt", toDate(envelope.time())), set("position", envelope.position()), outcome);
        VersionGuard.applyIfNewer(transfers, event.transferId(), envelope.sequence() + 1, changes);
    }

    private static Bson terms(TransferTerms terms) {
        return combine(set("kind", terms.kind().name()), set("debitAccountId", terms.debitAccountId()),
                set("creditAccountId", terms.creditAccountId()), set("amount", terms.amount()),
                set("currency", terms.currency()), set("reference", terms.reference()),
                set("metadata", toDocument(terms.metadata())));
    }
}
