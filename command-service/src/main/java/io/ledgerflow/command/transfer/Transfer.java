package io.ledgerflow.command.transfer;

import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.events.transfer.TransferPosted;
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
public class Transfer {

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

    protected Transfer() {
        // for event sourcing
    }

    private Transfer(TransferEvent initial) {
        apply(initial);
    }

    /** A new transfer whose one event {@link TransferRules#decide} decided. */
    public static Transfer record(TransferEvent decided) {
        return new Transfer(decided);
    }

    public TransferSnapshot snapshot() {
        return new TransferSnapshot(id, terms, status, rejection, createdAt, resolvedAt, createdBy);
    }

    @EventSourcingHandler
    void on(TransferPosted event, @Timestamp Instant at, @MetaDataValue(LedgerCorrelationData.PRINCIPAL) String principal) {
        created(event, at, principal);
        status = TransferStatus.POSTED;
    }

    @EventSourcingHandler
    void on(TransferRejected event, @Timestamp Instant at, @MetaDataValue(LedgerCorrelationData.PRINCIPAL) String principal) {
        created(event, at, principal);
        status = TransferStatus.REJECTED;
        rejection = new Rejection(RejectionCode.valueOf(event.rejectionCode()), event.detail());
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
