package io.ledgerflow.command.transfer.batch.web;

import io.ledgerflow.command.transfer.TransferOutcome;
import io.ledgerflow.command.transfer.batch.BatchOutcome;
import io.ledgerflow.command.transfer.web.TransferRepresentation;
import io.ledgerflow.servicekit.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

/** Turns a batch outcome into HTTP: 201 applied, 200 all already applied, 422 or 409 naming the failing item. */
final class BatchResponses {

    private BatchResponses() {
    }

    static ResponseEntity<BatchRepresentation> toResponse(BatchOutcome outcome) {
        if (outcome instanceof BatchOutcome.Applied applied) {
            BatchRepresentation body = new BatchRepresentation(
                    applied.transfers().stream().map(TransferRepresentation::of).toList());
            return ResponseEntity.status(applied.created() ? HttpStatus.CREATED : HttpStatus.OK).body(body);
        }
        if (outcome instanceof BatchOutcome.ItemRejected rejected) {
            String detail = rejected.recorded()
                    ? "transfer " + rejected.transferId() + " was rejected before and stays rejected, as it was then: "
                    + rejected.rejection().detail()
                    : rejected.rejection().detail();
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, rejected.rejection().code().name(),
                    at(rejected.index(), detail), Map.of("index", rejected.index(), "transferId",
                    rejected.transferId(), "firstAttempt", !rejected.recorded()));
        }
        BatchOutcome.ItemIdRefused refused = (BatchOutcome.ItemIdRefused) outcome;
        int index = refused.index();
        String id = refused.transferId();
        if (refused.refusal() instanceof TransferOutcome.IdConflict conflict) {
            throw new ApiProblem(HttpStatus.CONFLICT, "ID_EXISTS_WITH_DIFFERENT_FIELDS", at(index, "transfer " + id
                    + " exists with different " + String.join(", ", conflict.differingFields())),
                    Map.of("index", index, "transferId", id, "fields", conflict.differingFields()));
        }
        if (refused.refusal() instanceof TransferOutcome.IdAlreadyFailed failed) {
            throw new ApiProblem(HttpStatus.CONFLICT, "ID_ALREADY_FAILED", at(index, "transfer " + id + " was rejected ("
                    + failed.rejectionCode() + ") and stays rejected; it differs in "
                    + String.join(", ", failed.differingFields()) + ": a new attempt needs a new id"),
                    Map.of("index", index, "transferId", id, "fields", failed.differingFields(),
                            "rejectionCode", failed.rejectionCode().name()));
        }
        throw new ApiProblem(HttpStatus.CONFLICT, "ID_EXISTS_WITH_DIFFERENT_FIELDS",
                at(index, "transfer id " + id + " is already in use"),
                Map.of("index", index, "transferId", id, "fields", List.of("id")));
    }

    private static String at(int index, String detail) {
        return "transfers[" + index + "]: " + detail + "; nothing in the batch was applied";
    }
}
