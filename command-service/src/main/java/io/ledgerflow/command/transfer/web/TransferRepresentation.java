package io.ledgerflow.command.transfer.web;

import io.ledgerflow.command.transfer.TransferSnapshot;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** The transfer as docs/api.md spells it; field names are part of the contract. */
public record TransferRepresentation(String id, String debitAccountId, String creditAccountId, long amount,
                                     String currency, String status, long postedAmount, boolean pending,
                                     @Schema(types = {"integer", "null"}) Long timeoutSeconds,
                                     @Schema(types = {"string", "null"}) String reference,
                                     @Schema(types = {"string", "null"}) String rejectionCode, Instant createdAt,
                                     @Schema(types = {"string", "null"}, format = "date-time") Instant resolvedAt,
                                     Map<String, String> metadata) {

    public static TransferRepresentation of(TransferSnapshot transfer) {
        return new TransferRepresentation(transfer.id(), transfer.terms().debitAccountId(),
                transfer.terms().creditAccountId(), transfer.terms().amount(), transfer.terms().currency(),
                transfer.status().name(), transfer.postedAmount(), transfer.pending(), transfer.timeoutSeconds(), transfer.terms().reference(),
                transfer.rejection() == null ? null : transfer.rejection().code().name(),
                transfer.createdAt(), transfer.resolvedAt(), transfer.terms().metadata());
    }
}
