package io.ledgerflow.query.entries;

import io.ledgerflow.query.account.AccountNotFoundException;
import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.security.ReadScope;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Parameters arrive as strings so that every malformed one is reported in {@code errors[]}, not as a 500. */
@RestController
public class EntriesController {

    private final AccountQueries accounts;
    private final EntryQueries entries;

    public EntriesController(AccountQueries accounts, EntryQueries entries) {
        this.accounts = accounts;
        this.entries = entries;
    }

    @Operation(summary = "An account's statement: one entry per posting with balanceAfter, by global position")
    @ApiResponse(responseCode = "200", description = "A page of entries", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such account, or not yours (ACCOUNT_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/v1/accounts/{id}/entries")
    public ResponseEntity<Page<EntryView>> entries(
            @PathVariable String id,
            @Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) String to,
            @Parameter(description = "1 to 500, default 50") @RequestParam(required = false) String limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "asc or desc (default)") @RequestParam(required = false) String order) {
        EntryQuery query = EntryQuery.parse(from, to, limit, cursor, order);
        if (!accounts.exists(id, ReadScope.current())) {
            throw new AccountNotFoundException(id);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(entries.page(id, query));
    }
}
