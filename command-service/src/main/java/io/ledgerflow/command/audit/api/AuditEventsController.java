package io.ledgerflow.command.audit.api;

import io.ledgerflow.command.audit.AuditParameters;
import io.ledgerflow.events.audit.AuditedEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;

/** The global stream of stored events, as a JSON page or as an NDJSON export (auditors only). */
@RestController
public class AuditEventsController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final LinkedEvents events;

    public AuditEventsController(LinkedEvents events) {
        this.events = events;
    }

    @Operation(summary = "The stored events in global order, with positions and chain links",
            description = "Serves only events the hash chain has linked (position at most the chain head): below the "
                    + "head no event can still appear, so paging with `after` never misses one. As JSON, a page; "
                    + "nextCursor is the last item's position when the page is full, the `after` of the next page. "
                    + "With `Accept: application/x-ndjson`, every linked event after `after` (at most `limit`, "
                    + "unlimited by default), one AuditedEvent per line, streamed.")
    @ApiResponse(responseCode = "200", description = "A page of events, or the NDJSON export",
            useReturnTypeSchema = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE),
                    @Content(mediaType = NdjsonExport.MEDIA_TYPE)})
    @GetMapping("/api/v1/audit/events")
    public ResponseEntity<AuditPage<AuditedEvent>> events(
            @Parameter(description = "position to start after, default 0") @RequestParam(required = false) String after,
            @Parameter(description = "JSON: 1 to 1000, default 100; NDJSON: at least 1, default unlimited")
            @RequestParam(required = false) String limit,
            @RequestHeader(value = "Accept", required = false) String accept,
            HttpServletResponse response) throws IOException {
        AuditParameters parameters = new AuditParameters();
        long from = parameters.position("after", after);
        if (NdjsonExport.isAsked(accept)) {
            long most = parameters.count("limit", limit, Long.MAX_VALUE, Long.MAX_VALUE);
            parameters.requireValid();
            NdjsonExport.write(response, sink -> events.export(from, most, sink));
            return null;
        }
        int size = (int) parameters.count("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        parameters.requireValid();
        List<AuditedEvent> page = events.page(from, size);
        String nextCursor = page.size() == size ? String.valueOf(page.get(page.size() - 1).position()) : null;
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new AuditPage<>(page, nextCursor));
    }

    /** Not handled, so that the container aborts the connection: the client must see the export is incomplete. */
    @ExceptionHandler(NdjsonExport.Interrupted.class)
    void interrupted(NdjsonExport.Interrupted interrupted) {
        throw interrupted;
    }
}
