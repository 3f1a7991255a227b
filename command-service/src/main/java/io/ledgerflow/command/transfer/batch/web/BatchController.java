package io.ledgerflow.command.transfer.batch.web;

import io.ledgerflow.command.security.Actors;
import io.ledgerflow.command.transfer.batch.BatchItem;
import io.ledgerflow.command.transfer.batch.BatchOutcome;
import io.ledgerflow.command.transfer.batch.TransferBatch;
import io.ledgerflow.command.web.Commands;
import io.ledgerflow.servicekit.ratelimit.BatchTransferLimits;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.ledgerflow.servicekit.web.FieldViolation;
import io.ledgerflow.servicekit.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@RestController
public class BatchController {

    private final Commands commands;
    private final BatchTransferLimits limits;
    private final BatchRefusals refusals;
    private final RunningBatches running;

    public BatchController(Commands commands, BatchTransferLimits limits, BatchRefusals refusals,
                           RunningBatches running) {
        this.commands = commands;
        this.limits = limits;
        this.refusals = refusals;
        this.running = running;
    }

    @Operation(summary = "Up to 1,000 transfers, single-phase or pending, applied all or none in one transaction, "
            + "in request order", description = "Each item is exactly a `POST /transfers` body. A pending item "
            + "(`pending: true`, optional `timeoutSeconds`) reserves its amount, which the items after it see in the "
            + "debit account's `available`; it is then posted, voided or expires like a single pending transfer.")
    @ApiResponse(responseCode = "201", description = "Every transfer applied; the transfers in request order "
            + "(status POSTED, or PENDING for a pending item)")
    @ApiResponse(responseCode = "200", description = "Every transfer had already been applied with the same fields "
            + "(a retried batch): the transfers as they stand now (a pending one may have been posted, voided or "
            + "expired since)")
    @ApiResponse(responseCode = "409", description = "Item `index` reuses an id with other fields "
            + "(ID_EXISTS_WITH_DIFFERENT_FIELDS) or a rejected id with other fields (ID_ALREADY_FAILED); nothing applied",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED: the caller's request limit, its batch limit "
            + "(one token per transfer in the batch), or its batches running at once (2 by default); `Retry-After` "
            + "says when to retry; nothing applied",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: as many batches as the service runs at "
            + "once are running already (8 by default), or the database did not answer; `Retry-After`; nothing applied",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "422", description = "A ledger rule refused item `index` (its code, e.g. "
            + "INSUFFICIENT_FUNDS, with `index` and `transferId`); nothing applied and nothing recorded",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping("/api/v1/transfers/batch")
    public ResponseEntity<BatchRepresentation> batch(@Valid @RequestBody BatchRequest request) {
        requireTimeoutsOnlyWhenPending(request.transfers());
        List<BatchItem> items = request.transfers().stream().map(BatchItemRequest::toItem).toList();
        requireDistinctIds(items);
        return running.run(Actors.current().subject(), () -> {
            limits.take(items.size());
            TransferBatch batch = new TransferBatch(items, Actors.current());
            BatchOutcome outcome = commands.send(batch);
            try {
                return BatchResponses.toResponse(outcome);
            } catch (ApiProblem refused) {
                refusals.record(batch.actor(), items.size(), refused);
                throw refused;
            }
        });
    }

    /** {@code timeoutSeconds} applies only to a pending item, as in a single transfer: 400 naming the first such item. */
    private static void requireTimeoutsOnlyWhenPending(List<BatchItemRequest> items) {
        for (int index = 0; index < items.size(); index++) {
            if (items.get(index).timeoutWithoutPending()) {
                throw invalid(index, "transfers[" + index + "].timeoutSeconds", "applies only to pending transfers");
            }
        }
    }

    /** A batch that names one id twice is malformed: 400 naming the later item. */
    private static void requireDistinctIds(List<BatchItem> items) {
        Map<String, Integer> first = new HashMap<>();
        for (int index = 0; index < items.size(); index++) {
            Integer earlier = first.putIfAbsent(items.get(index).transferId(), index);
            if (earlier != null) {
                throw invalid(index, "transfers[" + index + "].id", "repeats the id of transfers[" + earlier + "]");
            }
        }
    }

    private static ApiProblem invalid(int index, String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED,
                "the request is not valid: " + field + " " + message,
                Map.of("index", index, "errors", List.of(new FieldViolation(field, message))));
    }
}
