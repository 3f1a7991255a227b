package io.ledgerflow.command.audit.reconciliation;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one reconciliation; the component order is the JSON field order.
 *
 * @param checkedAt         when the check began
 * @param upToPosition      the event store's last global position when it began: an account opened later is not
 *                          looked for in the projection
 * @param accounts          accounts checked: every account of the projection, and those missing from it
 * @param matched           equal on both sides, at the store's newest version
 * @param lagging           equal to the store at the projection's version, with newer events still to project
 * @param missing           opened in the store (up to {@code upToPosition}) but absent from the projection
 * @param different         accounts with at least one difference
 * @param differences       every field on which the projection disagrees with the store
 * @param missingAccountIds the accounts counted in {@code missing}
 */
public record ReconciliationReport(Instant checkedAt, long upToPosition, long accounts, long matched, long lagging,
                                   long missing, long different, List<Difference> differences,
                                   List<String> missingAccountIds) {
}
