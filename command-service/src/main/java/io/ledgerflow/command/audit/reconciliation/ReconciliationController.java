package io.ledgerflow.command.audit.reconciliation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReconciliationController {

    private final Reconciler reconciler;

    ReconciliationController(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Operation(summary = "Every account's projection (query-service) against a replay of the event store, at the "
            + "projection's own version; every difference listed (none in a healthy system)")
    @ApiResponse(responseCode = "200", description = "The reconciliation", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "503", description = "The projections could not be read (QUERY_SERVICE_UNAVAILABLE)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/v1/audit/reconciliation")
    ResponseEntity<ReconciliationReport> reconciliation() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(reconciler.reconcile());
    }
}
