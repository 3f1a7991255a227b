package io.ledgerflow.query.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Parameters arrive as strings so that every malformed one is reported in {@code errors[]}, not as a 500. */
@RestController
@RequestMapping("/api/v1/dashboard")
public class DashboardController {

    private final DashboardQueries dashboard;

    public DashboardController(DashboardQueries dashboard) {
        this.dashboard = dashboard;
    }

    @Operation(summary = "Per currency: posted and pending sums, transfers by status, accounts by status")
    @ApiResponse(responseCode = "200", description = "The totals, currencies sorted by code",
            useReturnTypeSchema = true)
    @GetMapping("/totals")
    public ResponseEntity<DashboardTotals> totals() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(dashboard.totals());
    }

    @Operation(summary = "Posted transfers and their volume per UTC-aligned bucket, every bucket listed, oldest first")
    @ApiResponse(responseCode = "200", description = "The time series", useReturnTypeSchema = true)
    @GetMapping("/volume")
    public ResponseEntity<VolumeSeries> volume(
            @Parameter(description = "ISO 4217 code, e.g. USD", required = true) @RequestParam(required = false)
            String currency,
            @Parameter(description = "minute, hour or day", required = true) @RequestParam(required = false)
            String bucket,
            @Parameter(description = "ISO-8601 instant, inclusive, down to its bucket's start; default: 60 buckets "
                    + "before to") @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 instant, exclusive, up to the next bucket start; default: the end "
                    + "of the current bucket. At most 1,440 buckets") @RequestParam(required = false) String to) {
        VolumeQuery query = VolumeQuery.parse(currency, bucket, from, to, Instant.now());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(dashboard.volume(query));
    }
}
