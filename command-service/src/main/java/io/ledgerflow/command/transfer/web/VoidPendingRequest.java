package io.ledgerflow.command.transfer.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a void: none, or {@code {}}; any field (an {@code amount} meant for a partial post) is refused. */
@Schema(description = "no fields; the body may be omitted")
public record VoidPendingRequest() {
}
