package io.ledgerflow.command.transfer;

import java.util.List;

/** Expire these holds, due by now, in one unit of work: what {@link PendingExpiryJob} sends for a batch of due rows. */
public record ExpireDueHolds(List<String> transferIds) {
}
