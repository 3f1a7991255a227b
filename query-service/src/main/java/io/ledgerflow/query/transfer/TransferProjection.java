package io.ledgerflow.query.transfer;

import com.mongodb.client.MongoCollection;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferTerms;
import io.ledgerflow.events.transfer.TransferVoided;
import io.ledgerflow.query.messaging.EventProjection;
import io.ledgerflow.query.mongo.Bulk;
import io.ledgerflow.query.mongo.GuardedWrite;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static io.ledgerflow.query.mongo.BsonReads.toDate;
import static io.ledgerflow.query.mongo.BsonReads.toDocument;

/**
 * One document per transfer id, guarded by the transfer's aggregate sequence like accounts. A transfer's events
 * are not complete snapshots (a resolution keeps the pending event's creation time and timeout), so every event
 * is written, each transfer's in the order read: the batch's n-th event of every transfer goes in the n-th bulk.
 * Writes to different transfers do not depend on each other, so each bulk is unordered.
 */
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
    public List<Bulk> writesFor(List<EventEnvelope> envelopes) {
        List<List<GuardedWrite>> rounds = new ArrayList<>();
        Map<String, Integer> writtenPerTransfer = new HashMap<>();
        for (EventEnvelope envelope : envelopes) {
            TransferEvent event = (TransferEvent) envelope.event();
            int round = writtenPerTransfer.merge(event.transferId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(event.accept(new Outcomes(envelope)));
        }
        return rounds.stream().map(writes -> Bulk.inAnyOrder(transfers, writes)).toList();
    }

    /** The write an event makes; the compiler keeps it exhaustive over {@link TransferEvent}. */
    private static final class Outcomes implements TransferEvent.Visitor<GuardedWrite> {

        private final EventEnvelope envelope;

        Outcomes(EventEnvelope envelope) {
            this.envelope = envelope;
        }

        @Override
        public GuardedWrite posted(TransferPosted posted) {
            Date at = toDate(envelope.time());
            return outcome(posted, false, null, combine(set("status", "POSTED"),
                    set("postedAmount", posted.terms().amount()), set("rejectionCode", null),
                    set("rejectionDetail", null), set("resolvedAt", at)));
        }

        @Override
        public GuardedWrite rejected(TransferRejected rejected) {
            Date at = toDate(envelope.time());
            // a refused hold shows as the hold that was asked for
            return outcome(rejected, rejected.pending(), rejected.timeoutSeconds(), combine(set("status", "REJECTED"),
                    set("postedAmount", 0L), set("rejectionCode", rejected.rejectionCode()),
                    set("rejectionDetail", rejected.detail()), set("resolvedAt", at)));
        }

        @Override
        public GuardedWrite pending(TransferPending pending) {
            Bson changes = combine(terms(pending.terms()), set("pending", true),
                    set("timeoutSeconds", pending.timeoutSeconds()), set("createdAt", toDate(envelope.time())),
                    set("position", envelope.position()), set("status", "PENDING"), set("postedAmount", 0L),
                    set("rejectionCode", null), set("rejectionDetail", null), set("resolvedAt", null));
            return VersionGuard.ifNewer(pending.transferId(), versionOf(envelope), changes);
        }

        @Override
        public GuardedWrite pendingPosted(TransferPendingPosted posted) {
            return resolution(posted, "POSTED", posted.amount());
        }

        @Override
        public GuardedWrite voided(TransferVoided voided) {
            return resolution(voided, "VOIDED", 0);
        }

        @Override
        public GuardedWrite expired(TransferExpired expired) {
            return resolution(expired, "EXPIRED", 0);
        }

        /** A pending transfer's resolution: its status, posted amount and time; its terms and creation stay. */
        private GuardedWrite resolution(TransferEvent event, String status, long postedAmount) {
            Bson changes = combine(terms(event.terms()), set("pending", true), set("position", envelope.position()),
                    set("status", status), set("postedAmount", postedAmount),
                    set("resolvedAt", toDate(envelope.time())));
            return VersionGuard.ifNewer(event.transferId(), versionOf(envelope), changes);
        }

        private GuardedWrite outcome(TransferEvent event, boolean pending, Long timeoutSeconds, Bson outcome) {
            Bson changes = combine(terms(event.terms()), set("pending", pending), set("timeoutSeconds", timeoutSeconds),
                    set("createdAt", toDate(envelope.time())), set("position", envelope.position()), outcome);
            return VersionGuard.ifNewer(event.transferId(), versionOf(envelope), changes);
        }
    }

    private static long versionOf(EventEnvelope envelope) {
        return envelope.sequence() + 1;
    }

    private static Bson terms(TransferTerms terms) {
        return combine(set("kind", terms.kind().name()), set("debitAccountId", terms.debitAccountId()),
                set("creditAccountId", terms.creditAccountId()), set("amount", terms.amount()),
                set("currency", terms.currency()), set("reference", terms.reference()),
                set("metadata", toDocument(terms.metadata())));
    }
}
