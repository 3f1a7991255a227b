package io.ledgerflow.command.audit.api;

import java.util.List;

/** A page of the audit API: {@code nextCursor} is the {@code after} of the next page, null on the last one. */
public record AuditPage<T>(List<T> items, String nextCursor) {
}
