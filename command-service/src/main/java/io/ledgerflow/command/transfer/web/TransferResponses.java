package io.ledgerflow.command.transfer.web;

import io.ledgerflow.command.transfer.Rejection;
import io.ledgerflow.command.transfer.TransferOutcome;
import io.ledgerflow.servicekit.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.Map;

/** Turns a transfer outcome into HTTP: 201 new, 200 repeat, 422 rejected, 409 id reused or failed, 404 path account. */
final class TransferResponses {

    private TransferResponses() {
    }

    static ResponseEntity<TransferRepresentation> toResponse(String transferId, TransferOutcome outcome) {
        if (outcome instanceof TransferOutcome.Posted posted) {
            TransferRepresentation body = TransferRepresentation.of(posted.transfer());
            return posted.created()
                    ? ResponseEntity.created(URI.create("/api/v1/transfers/" + transferId)).body(body)
                    : ResponseEntity.ok(body);
        }
        if (outcome instanceof TransferOutcome.Rejected rejected) {
            Rejection rejection = rejected.transfer().rejection();
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, rejection.code().name(), rejection.detail(),
                    Map.of("transferId", transferId, "firstAttempt", rejected.firstAttempt()));
        }
        if (outcome instanceof TransferOutcome.IdConflict conflict) {
            throw new ApiProblem(HttpStatus.CONFLICT, "ID_EXISTS_WITH_DIFFERENT_FIELDS",
                    "transfer " + transferId + " exists with different " + String.join(", ", conflict.differingFields()),
                    Map.of("fields", conflict.differingFields()));
        }
        if (outcome instanceof TransferOutcome.IdAlreadyFailed failed) {
            throw new ApiProblem(HttpStatus.CONFLICT, "ID_ALREADY_FAILED", "transfer " + transferId + " was rejected ("
                    + failed.rejectionCode() + ") and stays rejected; it differs in " + String.join(", ",
                    failed.differingFields()) + ": a new attempt needs a new id",
                    Map.of("fields", failed.differingFields(), "rejectionCode", failed.rejectionCode().name()));
        }
        if (outcome instanceof TransferOutcome.IdTaken) {
            throw new ApiProblem(HttpStatus.CONFLICT, "ID_EXISTS_WITH_DIFFERENT_FIELDS",
                    "transfer id " + transferId + " is already in use", Map.of("fields", java.util.List.of("id")));
        }
        String accountId = ((TransferOutcome.AccountMissing) outcome).accountId();
        throw new ApiProblem(HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "account " + accountId + " does not exist");
    }
}
