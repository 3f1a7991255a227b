package io.ledgerflow.command.transfer;

import io.ledgerflow.events.transfer.TransferTerms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a second request with a known transfer id gets: the first result, or the fields that differ. */
final class IdempotentRepeat {

    private IdempotentRepeat() {
    }

    static TransferOutcome answer(TransferSnapshot existing, TransferTerms requested) {
        List<String> differing = differingFields(existing.terms(), requested);
        if (!differing.isEmpty()) {
            return new TransferOutcome.IdConflict(differing);
        }
        return existing.status() == TransferStatus.REJECTED
                ? new TransferOutcome.Rejected(existing, false)
                : new TransferOutcome.Posted(existing, false);
    }

    static List<String> differingFields(TransferTerms existing, TransferTerms requested) {
        List<String> fields = new ArrayList<>();
        compare(fields, "kind", existing.kind(), requested.kind());
        compare(fields, "debitAccountId", existing.debitAccountId(), requested.debitAccountId());
        compare(fields, "creditAccountId", existing.creditAccountId(), requested.creditAccountId());
        compare(fields, "amount", existing.amount(), requested.amount());
        compare(fields, "currency", existing.currency(), requested.currency());
        compare(fields, "reference", existing.reference(), requested.reference());
        compare(fields, "metadata", existing.metadata(), requested.metadata());
        return fields;
    }

    private static void compare(List<String> fields, String name, Object existing, Object requested) {
        if (!Objects.equals(existing, requested)) {
            fields.add(name);
        }
    }
}
