package io.ledgerflow.command.audit.api;

import io.ledgerflow.command.audit.AuditParameters;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** One account's or one transfer's whole stored history, with every metadata field and chain link (auditors only). */
@RestController
public class AggregateEventsController {

    private final LinkedEvents events;

    public AggregateEventsController(LinkedEvents events) {
        this.events = events;
    }

    @Operation(summary = "An account's stored events in sequence order, with metadata and chain links",
            description = "hash is null for an event the chain has not linked yet. nextCursor is always null.")
    @ApiResponse(responseCode = "200", description = "The account's history", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No event of this account (ACCOUNT_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/v1/audit/accounts/{id}/events")
    public ResponseEntity<AuditPage<AuditedEvent>> account(@PathVariable String id) {
        return history("account", id, "ACCOUNT_NOT_FOUND");
    }

    @Operation(summary = "A transfer's stored events in sequence order, with metadata and chain links",
            description = "hash is null for an event the chain has not linked yet. nextCursor is always null.")
    @ApiResponse(responseCode = "200", description = "The transfer's history", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No event of this transfer (TRANSFER_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/v1/audit/transfers/{id}/events")
    public ResponseEntity<AuditPage<AuditedEvent>> transfer(@PathVariable String id) {
        return history("transfer", id, "TRANSFER_NOT_FOUND");
    }

    private ResponseEntity<AuditPage<AuditedEvent>> history(String kind, String id, String notFound) {
        AuditParameters parameters = new AuditParameters();
        parameters.ledgerId("id", id);
        parameters.requireValid();
        List<AuditedEvent> history = events.ofStream(kind + "/" + id);
        if (history.isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, notFound, kind + " " + id + " has no events");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new AuditPage<>(history, null));
    }
}
