package io.ledgerflow.command.audit.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A page of the audit API: {@code nextCursor} is the {@code after} of the next page, null on the last one. */
public record AuditPage<T>(List<T> items, @Schema(types = {"string", "null"}) String nextCursor) {
}
