package io.ledgerflow.command.account;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of freeze, unfreeze, close and reopen: none, or {@code {}}; any field is refused like elsewhere. */
@Schema(description = "no fields; the body may be omitted")
public record AccountActionRequest() {
}
