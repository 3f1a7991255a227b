package io.ledgerflow.query.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.web.NoFieldsBody;
import io.ledgerflow.query.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/dead-letters")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Operation(summary = "Records of the ledger topic that could not be projected, partition by partition, oldest first")
    @ApiResponse(responseCode = "200", description = "A page of dead letters", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "503", description = "Kafka did not answer in time (SERVICE_UNAVAILABLE)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping
    public ResponseEntity<Page<DeadLetter>> list(
            @Parameter(description = "1 to 500, default 50") @RequestParam(required = false) String limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        Page<DeadLetter> page = deadLetters.page(DeadLetterListQuery.parse(limit, cursor));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page);
    }

    @Operation(summary = "Re-apply a dead letter to the projections (safe even if it was applied meanwhile)")
    @ApiResponse(responseCode = "200", description = "Re-applied: the dead letter, retried", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such dead letter, or a malformed id (DEAD_LETTER_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "422", description = "It still cannot be projected (DEAD_LETTER_STILL_FAILING, "
            + "with the error)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "503", description = "Kafka or MongoDB unavailable (SERVICE_UNAVAILABLE)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping("/{id}/retry")
    public ResponseEntity<DeadLetter> retry(@Parameter(description = "<partition>-<offset> on the dead-letter topic")
                                            @PathVariable String id,
                                            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                                                    description = "none, or {}: no fields")
                                            @RequestBody(required = false) JsonNode body) {
        NoFieldsBody.require(body);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(deadLetters.retry(id));
    }
}
