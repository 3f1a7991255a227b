package io.ledgerflow.command.transfer;

import io.ledgerflow.command.axon.KeptWeight;
import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferVoided;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferTerms;
import io.ledgerflow.command.axon.LedgerCorrelationData;
import io.ledgerflow.command.axon.StreamIds;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A transfer id and what became of it. Its stream exists once per id, which makes the id an idempotency key. */
public class Transfer implements KeptWeight {

    /** The event-store stream: the transfer id in the transfers' namespace ({@link StreamIds}). */
    @AggregateIdentifier
    private String streamId;
    private String id;
    private TransferTerms terms;
    private TransferStatus status;
    private Rejection rejection;
    private Instant createdAt;
    private Instant resolvedAt;
    private String createdBy;
    private boolean pending;
    private Long timeoutSeconds;
    private long postedAmount;

    protected Transfer() {
        // for event sourcing
    }

    @Override
    public int keptWeight() {
        return terms == null ? 1 : KeptWeight.of(terms.metadata(), terms.reference());
    }

    private Transfer(TransferEvent initial) {
        apply(initial);
    }

    /** A new transfer whose one event {@link TransferRules#decide} decided. */
    public static Transfer record(TransferEvent decided) {
        return new Transfer(decided);
    }

    public TransferSnapshot snapshot() {
        return new TransferSnapshot(id, terms, status, rejection, createdAt, resolvedAt, createdBy, pending,
                timeoutSeconds, postedAmount);
    }

    /** Only the resolution of a pending transfer that {@link TransferRules#decideResolution} decided. */
    void resolve(TransferEvent resolution) {
        apply(resolution);
    }

    @EventSourcingHandler
    void on(TransferPosted event, @Timestamp Instant at, @MetaDataValue(LedgerCorrelationData.PRINCIPAL) String principal) {
        created(event, at, principal);
        status = TransferStatus.POSTED;
        postedAmount = event.terms().amount();
    }

    @EventSourcingHandler
    void on(TransferPending event, @Timestamp Instant at, @MetaDataValue(LedgerCorrelationData.PRINCIPAL) String principal) {
        created(event, at, principal);
        status = TransferStatus.PENDING;
        pending = true;
        timeoutSeconds = event.timeoutSeconds();
        resolvedAt = null;
    }

    @EventSourcingHandler
    void on(TransferPendingPosted event, @Timestamp Instant at) {
        resolved(TransferStatus.POSTED, at);
        postedAmount = event.amount();
    }

    @EventSourcingHandler
    void on(TransferVoided event, @Timestamp Instant at) {
        resolved(TransferStatus.VOIDED, at);
    }

    @EventSourcingHandler
    void on(TransferExpired event, @Timestamp Instant at) {
        resolved(TransferStatus.EXPIRED, at);
    }

    private void resolved(TransferStatus to, Instant at) {
        status = to;
        resolvedAt = at.truncatedTo(ChronoUnit.MILLIS);
    }

    @EventSourcingHandler
    void on(TransferRejected event, @Timestamp Instant at, @MetaDataValue(LedgerCorrelationData.PRINCIPAL) String principal) {
        created(event, at, principal);
        status = TransferStatus.REJECTED;
        rejection = new Rejection(RejectionCode.valueOf(event.rejectionCode()), event.detail());
        pending = event.pending();
        timeoutSeconds = event.timeoutSeconds();
    }

    private void created(TransferEvent event, Instant at, String principal) {
        createdBy = principal;
        streamId = StreamIds.transfer(event.transferId());
        id = event.transferId();
        terms = event.terms();
        createdAt = at.truncatedTo(ChronoUnit.MILLIS);
        resolvedAt = createdAt;
    }
}
