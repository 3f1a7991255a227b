package io.ledgerflow.command.audit.api;

import io.ledgerflow.command.audit.AuditParameters;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * One account's or one transfer's stored history, with every metadata field and chain link (auditors only), a page
 * at a time: an account's stream can be millions of events long.
 */
@RestController
public class AggregateEventsController {

    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 1_000;

    private final LinkedEvents events;

    public AggregateEventsController(LinkedEvents events) {
        this.events = events;
    }

    @Operation(summary = "An account's stored events in sequence order, with metadata and chain links",
            description = "hash is null for an event the chain has not linked yet. nextCursor is the last item's "
                    + "sequence when the page is full (the `after` of the next page), null otherwise. A settlement "
                    + "account's history is kept per shard: @world:<CUR> (or @world:<CUR>:0) is shard 0's, "
                    + "@world:<CUR>:k shard k's.")
    @ApiResponse(responseCode = "200", description = "The account's history", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No event of this account (ACCOUNT_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/v1/audit/accounts/{id}/events")
    public ResponseEntity<AuditPage<AuditedEvent>> account(@PathVariable String id,
            @Parameter(description = "sequence to start after; default: from the first event")
            @RequestParam(required = false) String after,
            @Parameter(description = "1 to 1000, default 1000") @RequestParam(required = false) String limit) {
        return history("account", id, after, limit, "ACCOUNT_NOT_FOUND");
    }

    @Operation(summary = "A transfer's stored events in sequence order, with metadata and chain links",
            description = "hash is null for an event the chain has not linked yet. nextCursor is the last item's "
                    + "sequence when the page is full (the `after` of the next page), null otherwise.")
    @ApiResponse(responseCode = "200", description = "The transfer's history", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No event of this transfer (TRANSFER_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/v1/audit/transfers/{id}/events")
    public ResponseEntity<AuditPage<AuditedEvent>> transfer(@PathVariable String id,
            @Parameter(description = "sequence to start after; default: from the first event")
            @RequestParam(required = false) String after,
            @Parameter(description = "1 to 1000, default 1000") @RequestParam(required = false) String limit) {
        return history("transfer", id, after, limit, "TRANSFER_NOT_FOUND");
    }

    private ResponseEntity<AuditPage<AuditedEvent>> history(String kind, String id, String after, String limit,
                                                            String notFound) {
        AuditParameters parameters = new AuditParameters();
        if (kind.equals("account")) {
            parameters.accountId("id", id);
        } else {
            parameters.ledgerId("id", id);
        }
        long afterSequence = after == null || after.isBlank() ? -1 : parameters.position("after", after);
        int size = (int) parameters.count("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        parameters.requireValid();
        String streamId = kind + "/" + SettlementAccounts.storedIdOf(id);
        List<AuditedEvent> page = events.ofStream(streamId, afterSequence, size);
        if (page.isEmpty() && (afterSequence < 0 || events.ofStream(streamId, -1, 1).isEmpty())) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, notFound, kind + " " + id + " has no events");
        }
        String nextCursor = page.size() == size ? String.valueOf(page.get(page.size() - 1).sequence()) : null;
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new AuditPage<>(page, nextCursor));
    }
}
