package io.ledgerflow.command.model;

import io.ledgerflow.command.account.AccountOutcome;
import io.ledgerflow.command.account.StateOutcome;
import io.ledgerflow.command.transfer.ResolutionOutcome;
import io.ledgerflow.command.transfer.TransferOutcome;
import io.ledgerflow.command.transfer.batch.BatchOutcome;

import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The handlers' results in the short vocabulary {@link ReferenceLedger} answers in: {@code CREATED:POSTED},
 * {@code REJECTED:INSUFFICIENT_FUNDS}, {@code ID_CONFLICT[amount]}, {@code BATCH_ITEM_REJECTED:2:ACCOUNT_FROZEN} …
 * Field lists are sorted: the contract names the differing fields, not their order.
 */
final class Answers {

    private Answers() {
    }

    static String of(Object outcome) {
        if (outcome instanceof AccountOutcome.Opened) {
            return "OPENED";
        }
        if (outcome instanceof AccountOutcome.AlreadyOpened) {
            return "ACCOUNT_ALREADY_OPENED";
        }
        if (outcome instanceof AccountOutcome.IdConflict conflict) {
            return "ACCOUNT_ID_CONFLICT" + new TreeSet<>(conflict.differingFields());
        }
        if (outcome instanceof StateOutcome.Changed) {
            return "CHANGED";
        }
        if (outcome instanceof StateOutcome.Unchanged) {
            return "UNCHANGED";
        }
        if (outcome instanceof StateOutcome.Refused refused) {
            return "REFUSED:" + refused.code();
        }
        if (outcome instanceof StateOutcome.NotFound || outcome instanceof ResolutionOutcome.NotFound) {
            return "NOT_FOUND";
        }
        if (outcome instanceof ResolutionOutcome.Resolved resolved) {
            return "RESOLVED:" + resolved.transfer().status();
        }
        if (outcome instanceof ResolutionOutcome.Refused refused) {
            return "REFUSED:" + refused.rejection().code();
        }
        if (outcome instanceof BatchOutcome.Applied applied) {
            return "BATCH_APPLIED:" + (applied.created() ? "CREATED" : "REPEAT");
        }
        if (outcome instanceof BatchOutcome.ItemRejected rejected) {
            return "BATCH_ITEM_REJECTED:" + rejected.index() + ":" + rejected.rejection().code();
        }
        if (outcome instanceof BatchOutcome.ItemIdRefused refused) {
            return "BATCH_ITEM_REFUSED:" + refused.index() + ":" + of(refused.refusal());
        }
        return ofTransfer((TransferOutcome) outcome);
    }

    private static String ofTransfer(TransferOutcome outcome) {
        Function<List<String>, String> fields = list -> new TreeSet<>(list).toString();
        if (outcome instanceof TransferOutcome.Posted posted) {
            return (posted.created() ? "CREATED:" : "REPEAT:") + posted.transfer().status();
        }
        if (outcome instanceof TransferOutcome.Rejected rejected) {
            return (rejected.firstAttempt() ? "REJECTED:" : "REJECTED_AGAIN:") + rejected.transfer().rejection().code();
        }
        if (outcome instanceof TransferOutcome.IdConflict conflict) {
            return "ID_CONFLICT" + fields.apply(conflict.differingFields());
        }
        if (outcome instanceof TransferOutcome.IdAlreadyFailed failed) {
            return "ID_ALREADY_FAILED" + fields.apply(failed.differingFields()) + ":" + failed.rejectionCode();
        }
        if (outcome instanceof TransferOutcome.IdTaken) {
            return "ID_TAKEN";
        }
        if (outcome instanceof TransferOutcome.AccountMissing) {
            return "ACCOUNT_MISSING";
        }
        throw new IllegalArgumentException("unknown outcome " + outcome);
    }
}
