package io.ledgerflow.command.transfer.web;

import io.ledgerflow.command.security.Actors;
import io.ledgerflow.command.transfer.Resolution;
import io.ledgerflow.command.transfer.ResolutionOutcome;
import io.ledgerflow.command.transfer.ResolvePendingTransfer;
import io.ledgerflow.command.web.Commands;
import io.ledgerflow.command.web.LedgerIds;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The second phase of a two-phase transfer: post it (all or part) or void it. */
@RestController
public class PendingTransferController {

    private final Commands commands;

    public PendingTransferController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Post a pending transfer, all of it or a smaller amount (the rest is released)")
    @ApiResponse(responseCode = "200", description = "Posted")
    @ResolutionResponses
    @PostMapping("/api/v1/transfers/{transferId}/post")
    public ResponseEntity<TransferRepresentation> post(@PathVariable String transferId,
                                                       @Valid @RequestBody(required = false) PostPendingRequest request) {
        Long amount = request == null ? null : request.amount();
        return resolve(transferId, new Resolution.PostPending(amount));
    }

    @Operation(summary = "Void a pending transfer: both reservations are released")
    @ApiResponse(responseCode = "200", description = "Voided")
    @ResolutionResponses
    @PostMapping("/api/v1/transfers/{transferId}/void")
    public ResponseEntity<TransferRepresentation> voidTransfer(@PathVariable String transferId,
                                                               @RequestBody(required = false) VoidPendingRequest body) {
        return resolve(transferId, new Resolution.VoidPending());
    }

    private ResponseEntity<TransferRepresentation> resolve(String transferId, Resolution resolution) {
        if (!transferId.matches(LedgerIds.PATTERN)) {
            throw notFound(transferId);
        }
        ResolutionOutcome outcome = commands.send(new ResolvePendingTransfer(transferId, resolution, Actors.current()));
        if (outcome instanceof ResolutionOutcome.Resolved resolved) {
            return ResponseEntity.ok(TransferRepresentation.of(resolved.transfer()));
        }
        if (outcome instanceof ResolutionOutcome.Refused refused) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, refused.rejection().code().name(),
                    refused.rejection().detail(), Map.of("transferId", transferId));
        }
        throw notFound(transferId);
    }

    private static ApiProblem notFound(String transferId) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "TRANSFER_NOT_FOUND", "transfer " + transferId + " does not exist");
    }

    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "404", description = "No such transfer, or not yours (TRANSFER_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "422", description = "Not pending: TRANSFER_NOT_PENDING (single-phase or rejected), "
            + "TRANSFER_ALREADY_POSTED, TRANSFER_ALREADY_VOIDED, TRANSFER_EXPIRED; or POST_AMOUNT_EXCEEDS_PENDING. "
            + "Repeating a resolution that already happened answers its 422 too",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @interface ResolutionResponses {
    }
}
