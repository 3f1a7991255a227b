package io.ledgerflow.command.audit.reconciliation;

import java.util.List;

/** One page of the query-service's account list; {@code nextCursor} is null on the last. */
record ProjectionPage(List<ProjectedAccount> items, String nextCursor) {
}
