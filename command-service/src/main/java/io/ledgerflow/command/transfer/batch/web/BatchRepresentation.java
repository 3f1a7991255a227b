package io.ledgerflow.command.transfer.batch.web;

import io.ledgerflow.command.transfer.web.TransferRepresentation;

import java.util.List;

/** The transfers of an applied batch, in request order. */
public record BatchRepresentation(List<TransferRepresentation> transfers) {
}
