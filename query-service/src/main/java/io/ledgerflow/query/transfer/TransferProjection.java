package io.ledgerflow.query.transfer;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
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
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ledgerflow.query.mongo.BsonReads.toDate;
import static io.ledgerflow.query.mongo.BsonReads.toDocument;

/**
 * One document per transfer id, guarded by the transfer's aggregate sequence like accounts. A transfer's events
 * are not complete snapshots (a resolution keeps the pending event's creation time and timeout), so every event
 * is written, each transfer's in the order read: the batch's n-th event of every transfer goes in the n-th bulk.
 * Writes to different transfers do not depend on each other, so each bulk is unordered.
 * <p>
 * The event that creates a transfer (posted, pending or rejected) records its principal in {@value #CREATED_BY}, an
 * internal field that decides who may read a rejected transfer ({@link TransferVisibility}); resolutions keep it.
 */
@Order(3)
@Component
public class TransferProjection implements EventProjection {

    /** The subject whose command created the transfer; not part of its representation. */
    public static final String CREATED_BY = "createdBy";

    private final ProjectionCollections collections;

    public TransferProjection(ProjectionCollections collections) {
        this.collections = collections;
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
            if (event instanceof TransferPending pending) {
                rounds.get(round).add(creationFacts(pending, envelope));
            }
        }
        return rounds.stream().map(writes -> Bulk.inAnyOrder(collections.transfers(), writes)).toList();
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
            return outcome(posted, false, null, new Document("status", "POSTED")
                    .append("postedAmount", posted.terms().amount()).append("rejectionCode", null)
                    .append("rejectionDetail", null).append("resolvedAt", at));
        }

        @Override
        public GuardedWrite rejected(TransferRejected rejected) {
            Date at = toDate(envelope.time());
            // a refused hold shows as the hold that was asked for
            return outcome(rejected, rejected.pending(), rejected.timeoutSeconds(), new Document("status", "REJECTED")
                    .append("postedAmount", 0L).append("rejectionCode", rejected.rejectionCode())
                    .append("rejectionDetail", rejected.detail()).append("resolvedAt", at));
        }

        @Override
        public GuardedWrite pending(TransferPending pending) {
            Document fields = terms(pending.terms()).append("pending", true)
                    .append("timeoutSeconds", pending.timeoutSeconds()).append("createdAt", toDate(envelope.time()))
                    .append("position", envelope.position()).append("status", "PENDING").append("postedAmount", 0L)
                    .append("rejectionCode", null).append("rejectionDetail", null).append("resolvedAt", null)
                    .append(CREATED_BY, envelope.principal());
            return VersionGuard.ifNewer(pending.transferId(), versionOf(envelope), fields);
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
            Document fields = terms(event.terms()).append("pending", true).append("position", envelope.position())
                    .append("status", status).append("postedAmount", postedAmount)
                    .append("resolvedAt", toDate(envelope.time()));
            return VersionGuard.ifNewer(event.transferId(), versionOf(envelope), fields);
        }

        private GuardedWrite outcome(TransferEvent event, boolean pending, Long timeoutSeconds, Document outcome) {
            Document fields = terms(event.terms()).append("pending", pending).append("timeoutSeconds", timeoutSeconds)
                    .append("createdAt", toDate(envelope.time())).append("position", envelope.position())
                    .append(CREATED_BY, envelope.principal());
            fields.putAll(outcome);
            return VersionGuard.ifNewer(event.transferId(), versionOf(envelope), fields);
        }
    }

    /**
     * A hold's creation facts, whenever its event arrives: after its resolution too (a publisher's resend, a dead
     * letter retried late), when the version guard refuses the rest of it. The resolution's document has no
     * {@code createdAt} then, and without it the transfer would be missing from every list for good. Written in the
     * same unordered bulk as the guarded write: either finds nothing to do when the other applies.
     */
    private static GuardedWrite creationFacts(TransferPending pending, EventEnvelope envelope) {
        return GuardedWrite.of(new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", pending.transferId()), Filters.exists("createdAt", false)),
                Updates.combine(Updates.set("createdAt", toDate(envelope.time())),
                        Updates.set("timeoutSeconds", pending.timeoutSeconds()),
                        Updates.set(CREATED_BY, envelope.principal()))));
    }

    private static long versionOf(EventEnvelope envelope) {
        return envelope.sequence() + 1;
    }

    private static Document terms(TransferTerms terms) {
        return new Document("kind", terms.kind().name()).append("debitAccountId", terms.debitAccountId())
                .append("creditAccountId", terms.creditAccountId()).append("amount", terms.amount())
                .append("currency", terms.currency()).append("reference", terms.reference())
                .append("metadata", toDocument(terms.metadata()));
    }
}
