package io.ledgerflow.command.transfer.batch.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code {"transfers": [...]}}: 1 to {@value #MAX_ITEMS} transfers, applied all or none. */
public record BatchRequest(
        @NotNull @Size(min = 1, max = BatchRequest.MAX_ITEMS, message = "must hold 1 to " + BatchRequest.MAX_ITEMS + " transfers")
        List<@NotNull @Valid BatchItemRequest> transfers) {

    public static final int MAX_ITEMS = 1_000;
}
