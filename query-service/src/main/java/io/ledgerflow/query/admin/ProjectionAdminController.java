package io.ledgerflow.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.messaging.ProjectionRebuilds;
import io.ledgerflow.query.messaging.RebuildStatus;
import io.ledgerflow.query.web.NoFieldsBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/projections")
public class ProjectionAdminController {

    private final ProjectionStatusReport report;
    private final ProjectionRebuilds rebuilds;

    public ProjectionAdminController(ProjectionStatusReport report, ProjectionRebuilds rebuilds) {
        this.report = report;
        this.rebuilds = rebuilds;
    }

    @Operation(summary = "Per partition of the ledger topic: checkpoint, end offset, lag, last applied event; "
            + "the current generation and any rebuild")
    @ApiResponse(responseCode = "200", description = "The projections' status; without end offsets and lag when "
            + "Kafka does not answer in time", useReturnTypeSchema = true)
    @GetMapping
    public ResponseEntity<ProjectionStatus> status() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(report.status());
    }

    @Operation(summary = "Rebuild every projection from offset zero into a new generation, switched to when caught "
            + "up; queries keep being served from the current one meanwhile")
    @ApiResponse(responseCode = "202", description = "Started; progress in GET /api/v1/admin/projections",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "A rebuild runs already (REBUILD_IN_PROGRESS)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping("/rebuild")
    public ResponseEntity<RebuildStatus> rebuild(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "none, or {}: no fields")
            @RequestBody(required = false) JsonNode body) {
        NoFieldsBody.require(body);
        return ResponseEntity.status(HttpStatus.ACCEPTED).cacheControl(CacheControl.noStore()).body(rebuilds.start());
    }
}
