package io.ledgerflow.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/projections")
public class ProjectionAdminController {

    private final ProjectionStatusReport report;

    public ProjectionAdminController(ProjectionStatusReport report) {
        this.report = report;
    }

    @Operation(summary = "Per partition of the ledger topic: checkpoint, end offset, lag, last applied event; "
            + "the current generation and any rebuild")
    @ApiResponse(responseCode = "200", description = "The projections' status; without end offsets and lag when "
            + "Kafka does not answer in time", useReturnTypeSchema = true)
    @GetMapping
    public ResponseEntity<ProjectionStatus> status() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(report.status());
    }
}
