package io.ledgerflow.command.model;

import java.time.Instant;

/** A transfer id of the reference model and what became of it. */
final class ModelTransfer {

    final String id;
    final ModelTerms terms;
    final boolean pending;
    final Long timeout;
    final String createdBy;
    final Instant createdAt;
    String status;
    String rejection;
    long postedAmount;
    Instant resolvedAt;

    ModelTransfer(String id, ModelTerms terms, boolean pending, Long timeout, String createdBy, Instant createdAt) {
        this.id = id;
        this.terms = terms;
        this.pending = pending;
        this.timeout = timeout;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** When a hold with a timeout expires; null without one. */
    Instant deadline() {
        return timeout == null ? null : createdAt.plusSeconds(timeout);
    }
}
