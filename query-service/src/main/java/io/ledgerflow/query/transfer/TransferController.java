package io.ledgerflow.query.transfer;

import io.ledgerflow.query.account.AccountNotFoundException;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.web.ConditionalGet;
import io.ledgerflow.query.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/transfers")
public class TransferController {

    private final TransferQueries transfers;

    private final TransferLists lists;

    public TransferController(TransferQueries transfers, TransferLists lists) {
        this.transfers = transfers;
        this.lists = lists;
    }

    /** Parameters arrive as strings so that every malformed one is reported in {@code errors[]}, not as a 500. */
    @Operation(summary = "Transfers newest first, filtered by account, status and creation time")
    @ApiResponse(responseCode = "200", description = "A page of transfers", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "accountId names no account, or not yours (ACCOUNT_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping
    public ResponseEntity<Page<TransferView>> list(
            @Parameter(description = "transfers debiting or crediting this account") @RequestParam(required = false)
            String accountId,
            @Parameter(description = "PENDING, POSTED, REJECTED, VOIDED or EXPIRED") @RequestParam(required = false)
            String status,
            @Parameter(description = "ISO-8601 instant, inclusive, on createdAt") @RequestParam(required = false)
            String from,
            @Parameter(description = "ISO-8601 instant, exclusive, on createdAt") @RequestParam(required = false)
            String to,
            @Parameter(description = "1 to 500, default 50") @RequestParam(required = false) String limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        TransferListQuery query = TransferListQuery.parse(accountId, status, from, to, limit, cursor);
        Page<TransferView> page = lists.page(query, ReadScope.current())
                .orElseThrow(() -> new AccountNotFoundException(query.accountId()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page);
    }

    /**
     * {@code If-None-Match} naming the current version, or {@code *}, answers 304 ({@link ConditionalGet}).
     * The transfer is looked up in the caller's scope first, so a conditional request reveals nothing either.
     */
    @Operation(summary = "A transfer's terms, status and outcome; ETag is the version of its document")
    @ApiResponse(responseCode = "200", description = "The transfer", useReturnTypeSchema = true,
            headers = @Header(name = "ETag", description = "\"<version>\"", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current version", content = @Content,
            headers = @Header(name = "ETag", description = "\"<version>\"", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404",
            description = "No such transfer, neither of its accounts is yours, or it was rejected and you did not "
                    + "attempt it (TRANSFER_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/{id}")
    public ResponseEntity<TransferView> transfer(@PathVariable String id,
            @Parameter(description = "an ETag from an earlier read, or *")
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) List<String> ifNoneMatch) {
        VersionedTransfer transfer = transfers.findVersioned(id, ReadScope.current())
                .orElseThrow(() -> new TransferNotFoundException(id));
        return ConditionalGet.versioned(transfer.version(), transfer.transfer(), ifNoneMatch);
    }
}
